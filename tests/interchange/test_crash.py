"""A `kill -9` in the middle of an import leaves no partial data (R2).

A real `msht import` process is started on a real database, killed with SIGKILL once it has
written several chunks, and the database is then checked: the batch is recorded as started,
and not one of its rows is there.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from msht.interchange.models import ImportBatch, NrmPublishedTotal, NrmStatistic

MSHT = str(Path(sys.executable).with_name("msht"))
ROWS = 60_000


def big_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            "First responder type,First responder,Exploitation type,"
            "Age at exploitation,Gender,Nationality,People\n"
        )
        for number in range(ROWS):
            handle.write(
                f"Police,Force {number % 40},Labour,Adult (18 or over),Male,"
                f"Nation {number},{number % 7}\n"
            )
    return path


def database_url(tmp_path: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        host = settings["HOST"] or "127.0.0.1"
        return f"postgres://{user}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"
    # The SQLite test database lives in memory; give the process a migrated file of its own.
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    subprocess.run(
        [MSHT, "migrate", "-v0"],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "msht.settings.dev"},
        check=True,
        timeout=120,
    )
    return url


def counts(url: str) -> tuple[int, int, list[str]]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            parts = db.execute("SELECT count(*) FROM interchange_nrmstatistic").fetchone()[0]
            totals = db.execute("SELECT count(*) FROM interchange_nrmpublishedtotal").fetchone()[0]
            statuses = [r[0] for r in db.execute("SELECT status FROM interchange_importbatch")]
        return parts, totals, statuses
    return (
        NrmStatistic.objects.count(),
        NrmPublishedTotal.objects.count(),
        list(ImportBatch.objects.values_list("status", flat=True)),
    )


@pytest.mark.django_db(transaction=True)
def test_kill_9_mid_import_leaves_no_partial_data(tmp_path):
    url = database_url(tmp_path)
    path = big_file(tmp_path / "big.csv")
    process = subprocess.Popen(
        [MSHT, "import", "nrm-referrals-responder", str(path), "--period", "2023Q4"],
        env={
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "msht.settings.dev",
            "PYTHONUNBUFFERED": "1",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = ""
    deadline = time.monotonic() + 120
    try:
        # The progress bar prints a line every 10%; chunks of 2,000 rows are written before
        # each line, so at 20% about 12,000 rows are in the open transaction.
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            seen += line
            if "] " in line and int(line.split("]")[1].split("%")[0]) >= 20:
                break
            if process.poll() is not None:
                break
        assert process.poll() is None, f"the import ended before it could be killed: {seen}"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    parts, totals, statuses = counts(url)
    assert statuses == [ImportBatch.Status.RUNNING]  # the batch was recorded, then died
    assert (parts, totals) == (0, 0)
