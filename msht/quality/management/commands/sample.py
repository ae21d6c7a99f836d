"""`msht sample`: draw a stratified dip sample for an Area and period, as the page does."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from msht.accounts.models import User
from msht.quality import services
from msht.quality.models import AssessmentTemplate, SampleBasis, SampleMethod
from msht.reference.models import Area


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date: use YYYY-MM-DD, like 2024-03-31") from error


class Command(BaseCommand):
    help = (
        "Draw a stratified random dip sample (by unit and exploitation type) of an Area's cases "
        "in a period, and assign it to reviewers in turn. The seed is printed and recorded: "
        "the same seed over the same cases gives the same sample."
    )

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="Area code, like LONDON-NORTH")
        parser.add_argument("--from", dest="period_start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="period_end", required=True, help="YYYY-MM-DD")
        size = parser.add_mutually_exclusive_group(required=True)
        size.add_argument("--rate", help="share of the cases, as a percentage (like 10)")
        size.add_argument("--count", type=int, help="number of cases")
        parser.add_argument("--seed", type=int, help="seed to reproduce an earlier sample")
        parser.add_argument(
            "--reviewer",
            action="append",
            required=True,
            dest="reviewers",
            help="reviewer's email (repeat, or separate with commas)",
        )
        parser.add_argument(
            "--by", required=True, help="email of the unit head drawing the sample (audited)"
        )
        parser.add_argument("--template", default="IQA", help="template code (default IQA)")
        parser.add_argument("--due", help="date the reviews are due (default in 28 days)")
        parser.add_argument(
            "--basis",
            default=SampleBasis.REFERRAL,
            choices=SampleBasis.values,
            help="which date puts a case in the period (default referral)",
        )

    def handle(self, *args, **options):
        area = Area.objects.filter(code=options["area"].upper()).first()
        if area is None:
            raise CommandError(f"No Area with code {options['area']!r}")
        actor = User.objects.filter(email__iexact=options["by"].strip()).first()
        if actor is None or not actor.is_active:
            raise CommandError(f"No active account for {options['by']!r}")
        emails = [
            e.strip() for chunk in options["reviewers"] for e in chunk.split(",") if e.strip()
        ]
        reviewers = []
        for email in emails:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"No account for reviewer {email!r}")
            reviewers.append(user)
        template = AssessmentTemplate.objects.filter(code=options["template"].upper()).first()
        if template is None:
            raise CommandError(f"No template with code {options['template']!r}")
        rate = None
        if options["rate"] is not None:
            try:
                rate = Decimal(options["rate"].rstrip("%"))
            except InvalidOperation as error:
                raise CommandError(f"--rate {options['rate']!r} is not a number") from error
        due = _date(options["due"]) if options["due"] else timezone.localdate() + timedelta(28)
        try:
            sample = services.dip_sample_draw(
                actor=actor,
                area=area,
                period_start=_date(options["period_start"]),
                period_end=_date(options["period_end"]),
                template=template,
                reviewers=reviewers,
                due_date=due,
                method=SampleMethod.RATE if rate is not None else SampleMethod.COUNT,
                rate_percent=rate,
                count=options["count"],
                basis=options["basis"],
                seed=options["seed"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        out = self.stdout
        out.write(
            f"Dip sample {sample.pk}: {area.name}, {sample.period_start} to {sample.period_end}"
        )
        out.write(f"Seed {sample.seed} (draw again with --seed {sample.seed})")
        out.write(
            f"{sum(s['drawn'] for s in sample.strata.values())} of {sample.population_size} cases"
        )
        for key, counts in sorted(sample.strata.items()):
            out.write(f"  {key:<28} {counts['drawn']:>4} of {counts['population']:>5}")
        for assessment in sample.assessments.select_related("case", "reviewer").order_by("id"):
            out.write(
                f"  {assessment.case.urn_display}  {assessment.stratum:<28} "
                f"{assessment.reviewer.email}"
            )
