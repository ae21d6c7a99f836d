"""Demo quality data: a dip sample for London North, some reviews completed and signed off.

Idempotent: does nothing once the demo unit head has drawn a sample. Runs after the case demo;
if the Area has no cases with a referral date yet, it registers a few of its own.
"""

from datetime import timedelta

from django.db.models import Max, Min
from django.utils import timezone

from msht.accounts.models import User
from msht.cases.selectors import cases_visible_to

from . import services
from .models import AssessmentTemplate, DipSample, Question, Rating, Topic

AREA = "LONDON-NORTH"
HEAD = "unit-head@demo.msht.test"
REVIEWER = "reviewer@demo.msht.test"
SEED = 20_240_601
PATTERN = [
    Rating.FULLY_MET,
    Rating.FULLY_MET,
    Rating.PARTIALLY_MET,
    Rating.NOT_MET,
    Rating.FULLY_MET,
    Rating.NOT_APPLICABLE,
    Rating.FULLY_MET,
]


def _ensure_cases(head, stdout) -> None:
    if cases_visible_to(head).filter(area__code=AREA, referral_date__isnull=False).count() >= 4:
        return
    from msht.cases import services as case_services
    from msht.reference.models import ExploitationType, Unit

    today = timezone.localdate()
    units = {u.code: u for u in Unit.objects.all()}
    kinds = ["LABOUR", "SEXUAL", "CRIMINAL", "DOMESTIC"]
    for number in range(1, 9):
        urn = f"01QA{number:05d}{today:%y}"
        case = cases_visible_to(head).filter(urn=urn).first()
        if case is None:
            case = case_services.case_create(
                actor=head,
                urn=urn,
                referral_date=today - timedelta(days=7 * number),
                exploitation_types=ExploitationType.objects.filter(code=kinds[number % len(kinds)]),
                victim_count=number % 4 + 1,
                organised_crime_group=number % 3 == 0,
            )
        if case.unit_id is None:
            unit = case.recommended_unit or units["CROWN"]
            reason = ""
            if number % 4 == 0:
                unit, reason = units["MAGS"], "Single victim, guilty plea indicated early"
            case_services.case_allocate(
                actor=head, case=case, expected_version=None, unit=unit, reason=reason
            )
    stdout.write("  registered demo cases for quality assurance")


def load_demo_quality(stdout) -> None:
    if not User.objects.filter(email__in=[HEAD, REVIEWER]).exists():
        from msht.accounts.demo import demo_users_ensure

        demo_users_ensure()  # `msht demo` makes them after the feature steps; they are needed now
    head = User.objects.filter(email=HEAD, is_active=True).first()
    reviewer = User.objects.filter(email=REVIEWER, is_active=True).first()
    if head is None or reviewer is None:
        stdout.write("Quality demo skipped: the demo unit head and reviewer are not set up")
        return
    if DipSample.objects.filter(drawn_by=head).exists():
        stdout.write("Quality demo already loaded")
        return
    _ensure_cases(head, stdout)
    dates = (
        cases_visible_to(head)
        .filter(area__code=AREA)
        .aggregate(first=Min("referral_date"), last=Max("referral_date"))
    )
    # The latest quarter with cases, like a unit head's monthly or quarterly round.
    dates["first"] = max(dates["first"], dates["last"] - timedelta(days=91))
    population = (
        cases_visible_to(head)
        .filter(area__code=AREA, referral_date__range=(dates["first"], dates["last"]))
        .count()
    )
    sample = services.dip_sample_draw(
        actor=head,
        area=head.area,
        period_start=dates["first"],
        period_end=dates["last"],
        template=AssessmentTemplate.objects.get(code="IQA"),
        reviewers=[reviewer],
        due_date=timezone.localdate() + timedelta(days=28),
        method="count",
        count=min(6, population),
        seed=SEED,
    )
    topics = {t.code: t for t in Topic.objects.all()}
    assessments = list(sample.assessments.select_related("case").order_by("id"))
    for index, assessment in enumerate(assessments[:4]):
        questions = (
            Question.objects.filter(standard__version=assessment.template_version)
            .order_by("standard__order", "order")
            .select_related("topic")
        )
        answers = {}
        for position, question in enumerate(questions):
            rating = PATTERN[(index * 3 + position) % len(PATTERN)]
            answers[question.pk] = (
                rating,
                "Seen on the file review." if rating != Rating.FULLY_MET else "",
            )
        services.assessment_answers_save(
            actor=reviewer,
            assessment=assessment,
            answers=answers,
            summary="Demo review.",
            complete=True,
        )
        failing = [
            q for q in questions if answers[q.pk][0] in (Rating.NOT_MET, Rating.PARTIALLY_MET)
        ][:2]
        for question in failing:
            services.finding_add(
                actor=reviewer,
                assessment=assessment,
                text=f"Standard not fully met: {question.text}.",
                topics=[question.topic or topics["CASE-STRATEGY"]],
                person=assessment.case.lawyer,
                question=question,
            )
        if failing:
            services.action_add(
                actor=reviewer,
                assessment=assessment,
                description="Discuss the findings with the case team and record the outcome.",
                owner=head,
                due_date=timezone.localdate() + timedelta(days=14),
            )
        if index < 2:
            services.assessment_sign_off(
                actor=head, assessment=assessment, comment="Agreed with the reviewer's findings."
            )
    stdout.write(
        f"Quality demo: dip sample {sample.pk} ({len(assessments)} cases, seed {SEED}); "
        f"{min(4, len(assessments))} reviews completed, {min(2, len(assessments))} signed off"
    )
