"""`msht demo` refuses production settings; under development its instructions work as printed.

Issue 13 item 8 (demo accounts have a published password and predictable authenticator keys) and
issue 12 item 19 (the printed `totp` command must run as printed). Both run real subprocesses on a
database file of their own, so they behave the same whatever database the suite runs on.
"""

import os
import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from msht.accounts.demo import DEMO_REFUSED, DemoRefusedError, demo_users_ensure
from msht.accounts.models import User

from .test_settings import PRODUCTION_ENV

BASE_DIR = Path(__file__).resolve().parents[2]
CLEARED = {*PRODUCTION_ENV, "DEBUG", "MSHT_TEST_DB"}


def _run(args: list[str], *, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    return subprocess.run(
        args,
        env={**clean, **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_demo_refuses_production_settings_before_touching_the_database(tmp_path):
    database = tmp_path / "production.sqlite3"
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{database}"}
    result = _run([sys.executable, "-m", "msht.cli", "demo"], env=env)
    assert result.returncode != 0, result.stdout
    assert "refuses to run under production settings" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Password for every demo user" not in result.stdout
    if database.exists():  # nothing migrated, so no account could have been made
        tables = sqlite3.connect(database).execute("select name from sqlite_master").fetchall()
        assert ("accounts_user",) not in tables


@pytest.mark.django_db
@override_settings(DEMO_ACCOUNTS_ALLOWED=False)
def test_no_caller_can_create_demo_accounts_where_they_are_not_allowed():
    with pytest.raises(DemoRefusedError, match="production settings"):
        demo_users_ensure()
    assert not User.objects.filter(email__endswith="@demo.msht.test").exists()
    assert "published password" in DEMO_REFUSED


def test_demo_prints_a_totp_command_that_works_as_printed(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "msht.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    }
    demo = _run([str(BASE_DIR / ".venv" / "bin" / "msht"), "demo"], env=env)
    assert demo.returncode == 0, demo.stderr
    example = re.search(r"For example: (\S.*)$", demo.stdout, re.MULTILINE)
    assert example, demo.stdout
    command = example.group(1).strip()
    assert command.startswith(".venv/bin/msht totp ")
    # Run exactly what was printed, from the project folder, with the same database.
    env.pop("DJANGO_SETTINGS_MODULE")  # the printed command must not need it
    code = _run(shlex.split(command), env=env)
    assert code.returncode == 0, code.stderr
    assert re.fullmatch(r"\d{6}\n", code.stdout)
