"""`msht import KIND FILE [--simulate] [--valid-rows-only] [--period 2023Q4] [--as EMAIL]`."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from msht.accounts.models import User
from msht.interchange.kinds import all_kinds
from msht.interchange.report import report_lines
from msht.interchange.services import import_file


class ProgressBar:
    """A plain-text progress bar on stderr (redrawn in place on a terminal)."""

    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.last = -1

    def __call__(self, rows: int, fraction: float) -> None:
        percent = int(fraction * 100)
        if not self.tty and percent // 10 == self.last // 10 and percent != 100:
            return
        self.last = percent
        filled = int(self.width * fraction)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {percent:3d}%  {rows:,} rows"
        self.stream.write(("\r" if self.tty else "") + line + ("" if self.tty else "\n"))
        self.stream.flush()


class Command(BaseCommand):
    help = "Import a CSV or Excel file. KIND is one of: " + ", ".join(
        kind.name for kind in all_kinds()
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what the file holds (see the list above)")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--simulate", action="store_true", help="check and count everything, save nothing"
        )
        parser.add_argument(
            "--valid-rows-only",
            action="store_true",
            help="save the valid rows and report the others (default: all or nothing)",
        )
        parser.add_argument(
            "--period", default="", help="the quarter a one-quarter table covers, like 2023Q4"
        )
        parser.add_argument(
            "--as",
            dest="actor",
            default="",
            help="email of the account the import is recorded under",
        )
        parser.add_argument("--report", type=Path, help="write the row-level report (CSV) here")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        if not options["file"].is_file():
            raise CommandError(f"No such file: {options['file']}")
        actor = None
        if options["actor"]:
            actor = User.objects.filter(email__iexact=options["actor"]).first()
            if actor is None:
                raise CommandError(f"No account with the email {options['actor']}")
        bar = None if options["no_progress"] else ProgressBar(sys.stderr)
        try:
            batch = import_file(
                actor=actor,
                kind=options["kind"],
                path=options["file"],
                simulate=options["simulate"],
                valid_rows_only=options["valid_rows_only"],
                period=options["period"],
                on_progress=bar,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if bar and bar.tty:
            sys.stderr.write("\n")
        for line in report_lines(batch, limit=20):
            self.stdout.write(line)
        if options["report"]:
            from msht.interchange.report import write_report_csv

            with options["report"].open("w", encoding="utf-8", newline="") as handle:
                write_report_csv(batch, handle)
            self.stdout.write(f"Row-level report written to {options['report']}")
        if batch.status in (batch.Status.REFUSED, batch.Status.FAILED):
            raise CommandError(batch.message or "Nothing was imported.")
