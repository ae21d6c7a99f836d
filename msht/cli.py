"""The `msht` command: the service's management commands under one name.

`msht --help` lists the commands a caseworker, analyst or operator uses; `msht help --all`
lists every Django command as well.
"""

import os
import sys

USAGE = """\
usage: msht COMMAND [options]

Modern slavery casework: one system for cases, victims' support, quality, figures and lessons.

Getting started
  demo                 set up the database with reference data, demo data and demo users
  migrate              create or update the database tables
  runserver [ADDR]     serve the service (default http://127.0.0.1:8000)

Data
  seed                 generate a synthetic national dataset (--cases N --seed S)
  import KIND FILE     import cases, defendants, milestones, victims or NRM statistics
  export FILE --as EMAIL --recipient R --purpose P
                       export the case list an account may see (CSV or .xlsx), audited
  pack                 build a monthly Area or bi-monthly national performance pack
  sample               draw a stratified dip sample for quality assurance

Accounts and security
  user                 create, list, disable or enable accounts
  audit verify         check the audit trail's hash chain; non-zero exit names the broken row
  rotate_keys          re-encrypt victims' identities with the newest key (--new-key makes one)
  totp EMAIL           (development only) print a demo user's current sign-in code

Run `msht COMMAND --help` for a command's options, `msht help --all` for every command.
Settings come from the environment: DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS,
FIELD_ENCRYPTION_KEYS, DJANGO_SETTINGS_MODULE (default msht.settings.dev).
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msht.settings.dev")
    if len(argv) < 2 or argv[1] in {"-h", "--help"} or argv[1:] == ["help"]:
        print(USAGE)
        return 0
    if argv[1:] == ["help", "--all"]:
        argv = [argv[0], "help"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
