from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from msht.accounts.demo import (
    DemoRefusedError,
    demo_accounts_require_allowed,
    demo_users_ensure,
)
from msht.web.demo import run_demo_steps

TOTP_COMMAND = ".venv/bin/msht totp EMAIL"


class Command(BaseCommand):
    help = "Set up the database with reference and demo data and one demo user per role."

    def handle(self, *args, **options) -> None:
        try:
            # Before anything touches the database: production never gets demo accounts.
            demo_accounts_require_allowed()
        except DemoRefusedError as error:
            raise CommandError(str(error)) from error
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready (reference data loaded).")
        demo_users_ensure()  # first, so the demo data can name demo users as lawyers, reviewers
        run_demo_steps(self.stdout)
        credentials = demo_users_ensure()  # again: fresh backup codes to print
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo users (one per role)"))
        self.stdout.write(f"Password for every demo user: {credentials[0].password}")
        self.stdout.write(
            "Second step: add the key to an authenticator app, or run "
            f"`{TOTP_COMMAND}` (from the project folder, with the same DATABASE_URL) for the "
            "current code, or use a backup code (each works once; new ones on every run)."
        )
        self.stdout.write(f"For example: {TOTP_COMMAND.replace('EMAIL', credentials[0].email)}")
        for c in credentials:
            self.stdout.write(f"  {c.role:<32} {c.email:<36} key {c.totp_secret}")
            self.stdout.write(f"  {'':<32} backup codes: {' '.join(c.backup_codes)}")
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000 and sign in.")
