import sys

from django.core.management.base import BaseCommand, CommandParser

from msht.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Work with the audit trail. `audit verify` checks the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: check the hash chain")

    def handle(self, *args, action: str, **options) -> None:
        verdict = audit_chain_verify()
        if verdict.ok:
            self.stdout.write(
                f"Audit trail intact: {verdict.checked} rows, head hash {verdict.head_hash}"
            )
            return
        self.stderr.write(
            f"Audit trail BROKEN at sequence {verdict.broken_sequence}: {verdict.problem}. "
            f"{verdict.checked} rows before it are intact."
        )
        sys.exit(1)
