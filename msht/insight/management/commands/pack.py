"""`msht pack`: build a monthly Area pack or a bi-monthly national pack as HTML and XLSX."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from msht.insight import disclosure
from msht.insight.measures import ALL
from msht.insight.packs import AREA_PACK, NATIONAL_PACK
from msht.insight.rendering import pack_html
from msht.insight.services import pack_build, pack_freeze, pack_release_record
from msht.insight.spreadsheet import workbook_bytes


class Command(BaseCommand):
    help = (
        "Build a performance pack. Examples:\n"
        "  msht pack --area WEST-MIDLANDS --month 2024-03\n"
        "  msht pack --national --period 2024-02..2024-03 --audience public --freeze"
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--area", help="Area code for the monthly Area pack")
        which.add_argument("--national", action="store_true", help="the bi-monthly national pack")
        parser.add_argument("--month", help="the Area pack's month, YYYY-MM")
        parser.add_argument(
            "--period", help="the national pack's months, YYYY-MM..YYYY-MM (two months)"
        )
        parser.add_argument("--history", type=int, help="months of trend (default 12 / 24)")
        parser.add_argument(
            "--audience", choices=sorted(disclosure.AUDIENCES), default=disclosure.INTERNAL
        )
        parser.add_argument("--basis", choices=["flag", "offence"], default="flag")
        parser.add_argument("--out", default=".", help="folder for the files (default: here)")
        parser.add_argument("--recipient", default="", help="who the files are for (audited)")
        parser.add_argument("--freeze", action="store_true", help="keep the figures to reproduce")

    def handle(self, *args, **options):
        if options["national"]:
            kind, area, period = NATIONAL_PACK, "", options["period"]
            if not period:
                raise CommandError("Give --period YYYY-MM..YYYY-MM for the national pack")
        else:
            kind, area, period = AREA_PACK, options["area"], options["month"]
            if not period:
                raise CommandError("Give --month YYYY-MM for the Area pack")
        try:
            pack = pack_build(
                kind=kind,
                period_text=period,
                scope=ALL,
                audience=options["audience"],
                area_code=area,
                history_months=options["history"],
                basis=options["basis"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        folder = Path(options["out"])
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"msht-{kind}-pack-{(area or 'national').lower()}-{period.replace('..', '_')}"
        stem += f"-{options['audience']}"
        html_path, xlsx_path = folder / f"{stem}.html", folder / f"{stem}.xlsx"
        html_path.write_text(pack_html(pack, standalone=True), encoding="utf-8")
        xlsx_path.write_bytes(workbook_bytes(pack))
        recipient = options["recipient"] or f"{options['audience']} (command line)"
        pack_release_record(actor=None, pack=pack, file_format="html+xlsx", recipient=recipient)
        self.stdout.write(f"{pack.title}: {len(pack.tables)} tables")
        self.stdout.write(f"  {html_path}\n  {xlsx_path}")
        if options["freeze"]:
            frozen = pack_freeze(actor=None, pack=pack)
            self.stdout.write(f"  frozen as {frozen.public_id} (code {frozen.code_version})")
