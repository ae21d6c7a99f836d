from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import Capability
from msht.cases.selectors import cases_visible_to
from msht.interchange.exports import case_list_export


class Command(BaseCommand):
    help = (
        "Export the case list a person may see, as CSV or Excel. The export is recorded in the "
        "audit trail as a disclosure with its recipient and purpose."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="where to write, e.g. cases.csv or cases.xlsx")
        parser.add_argument(
            "--as",
            dest="email",
            required=True,
            help="the account whose access decides what is exported",
        )
        parser.add_argument("--recipient", required=True, help="who the export is for")
        parser.add_argument("--purpose", required=True, help="why the export is needed")
        parser.add_argument("--area", help="only this Area (code, e.g. LONDON-NORTH)")

    def handle(
        self,
        *args,
        file: str,
        email: str,
        recipient: str,
        purpose: str,
        area: str | None,
        **options,
    ) -> None:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None or not access.can(user, Capability.DATA_EXPORT):
            raise CommandError(f"{email} is not an active account that may export data.")
        file_format = "xlsx" if file.lower().endswith(".xlsx") else "csv"
        cases = cases_visible_to(user).select_related("area", "unit", "police_force")
        if area:
            cases = cases.filter(area__code=area)
        try:
            content, count = case_list_export(
                actor=user,
                cases=cases.order_by("pk"),
                file_format=file_format,
                recipient=recipient,
                purpose=purpose,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        Path(file).write_bytes(content)
        self.stdout.write(f"Exported {count:,} cases to {file} (recorded as a disclosure).")
