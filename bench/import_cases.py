"""P1/P2: import a generated cases CSV into SQLite and PostgreSQL; compare with the raw floor.

    .venv/bin/python bench/import_cases.py [--rows 1000000] [--postgres URL] [--skip-die]

For each database: a fresh migrated database; the import through `msht import cases` (the
service path: full validation, natural-key upserts, one transaction); then the raw floor in the
same run: the same rows inserted into the same tables (cases, their exploitation types and
their two events each) by sqlite3 `executemany` in one transaction / psycopg `COPY`, with no
checks (an earlier version inserted the cases table only, which understated the ratio).
Prints rows per second, the ratio to the floor and peak memory
(ru_maxrss of the importing process). P2: the same service import against django-import-export
(the optional `bench` extra) on 100,000 rows, when installed.
"""

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FORCES = ["01", "20", "13", "05", "43", "46", "50", "06"]
HEADER = [
    "URN",
    "Area",
    "Police force",
    "Operation name",
    "Exploitation types",
    "International element",
    "Organised crime group",
    "Joint investigation team",
    "Child victim",
    "County lines",
    "Number of victims",
    "Number of suspects",
    "Police referral date",
]


def generate(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            force = FORCES[n % len(FORCES)]
            urn = (
                f"{force}{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}{n % 100000:05d}"
                f"{10 + n // 100000 % 90:02d}"
            )
            writer.writerow(
                [
                    urn,
                    "",
                    force,
                    f"Op {n % 977}",
                    ["LABOUR", "SEXUAL;CRIMINAL", "DOMESTIC"][n % 3],
                    "yes" if n % 7 == 0 else "no",
                    "no",
                    "",
                    "",
                    "",
                    n % 5,
                    n % 3,
                    f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                ]
            )


def run(args, env, **kwargs):
    return subprocess.run(
        args,
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


CHILD = r"""
import os, resource, sys, time, django
django.setup()
from msht.interchange.services import import_file
from pathlib import Path
start = time.perf_counter()
batch = import_file(actor=None, kind="cases", path=Path(sys.argv[1]))
elapsed = time.perf_counter() - start
assert batch.status == "completed", (batch.status, batch.message, batch.errors[:3])
print(elapsed, batch.rows_created, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

FLOOR = r"""
import csv, json, sys, time, django
django.setup()
from django.db import connection, transaction
from django.utils import timezone
from msht.reference.models import ExploitationType, PoliceForce
forces = {f.code: (f.pk, f.area_id) for f in PoliceForce.objects.all()}
types = dict(ExploitationType.objects.values_list("code", "pk"))
now = timezone.now()
today = timezone.localdate()
rows, codes, referral = [], {}, {}
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    reader = csv.reader(handle); next(reader)
    for r in reader:
        pk, area = forces[r[2]]
        rows.append((r[0], area, pk, r[3], r[5] == "yes", False, False, False, False, int(r[10]),
                     int(r[11]), r[12], "pre_charge", 1, now, now, "[]", "", ""))
        codes[r[0]] = [types[c] for c in r[4].split(";") if c]
        referral[r[0]] = r[12]
cols = ("urn, area_id, police_force_id, operation_name, international, organised_crime_group, "
        "joint_investigation_team, child_victim, county_lines, victim_count, suspect_count, "
        "referral_date, status, version, created_at, updated_at, recommendation_reasons, "
        "allocation_reason, charging_decision")
event_cols = "case_id, kind, occurred_on, recorded_at, details"
details = json.dumps({"import": True})
# The same rows into the same tables as the import writes: each case, its exploitation types
# and its two events ("registered", "police referral"). No checks, no lookups, no upserts.
start = time.perf_counter()
with transaction.atomic():
    with connection.cursor() as cursor:
        pg = connection.vendor == "postgresql"
        if pg:
            with cursor.cursor.copy(f"COPY cases_case ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * 19)
            cursor.executemany(f"INSERT INTO cases_case ({cols}) VALUES ({marks})", rows)
        cursor.execute("SELECT urn, id FROM cases_case")
        ids = dict(cursor.fetchall())
        links = [(ids[u], t) for u, ts in codes.items() for t in ts]
        events = [(ids[u], "registered", today, now, details) for u in codes] + [
            (ids[u], "police_referral", d, now, details) for u, d in referral.items() if d
        ]
        if pg:
            with cursor.cursor.copy(
                "COPY cases_case_exploitation_types (case_id, exploitationtype_id) FROM STDIN"
            ) as copy:
                for row in links:
                    copy.write_row(row)
            with cursor.cursor.copy(f"COPY cases_caseevent ({event_cols}) FROM STDIN") as copy:
                for row in events:
                    copy.write_row(row)
        else:
            cursor.executemany(
                "INSERT INTO cases_case_exploitation_types (case_id, exploitationtype_id) "
                "VALUES (%s, %s)", links)
            cursor.executemany(
                f"INSERT INTO cases_caseevent ({event_cols}) VALUES (%s, %s, %s, %s, %s)", events)
print(time.perf_counter() - start)
"""


def fresh_database(kind: str, pg_url: str | None, folder: Path) -> str:
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
    else:
        name = f"msht_bench_{os.getpid()}"
        base = pg_url.rsplit("/", 1)[0]
        import psycopg

        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        url = f"{base}/{name}"
    run([PY, "-m", "msht.cli", "migrate", "-v0"], {"DATABASE_URL": url})
    return url


def clear_cases(url: str) -> None:
    code = (
        "import django; django.setup()\nfrom django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('DELETE FROM cases_case_exploitation_types')\n"
        "    c.execute('DELETE FROM cases_caseevent')\n"
        "    c.execute('DELETE FROM cases_case')\n"
    )
    run([PY, "-c", code], {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "msht.settings.dev"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    env = {"DJANGO_SETTINGS_MODULE": "msht.settings.dev", "DEBUG": "False"}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        data = folder / "cases.csv"
        start = time.perf_counter()
        generate(data, args.rows)
        print(
            f"generated {args.rows:,} rows ({data.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - start:.1f} s"
        )
        for kind in args.databases.split(","):
            url = fresh_database(kind, args.postgres, folder)
            out = run([PY, "-c", CHILD, str(data)], {**env, "DATABASE_URL": url}).stdout
            elapsed, created, maxrss_kb = out.split()[-3:]
            elapsed = float(elapsed)
            clear_cases(url)
            floor = float(
                run([PY, "-c", FLOOR, str(data)], {**env, "DATABASE_URL": url}).stdout.split()[-1]
            )
            print(
                f"{kind:10} import {int(created):,} rows in {elapsed:.1f} s = "
                f"{args.rows / elapsed:,.0f} rows/s; raw floor {floor:.1f} s = "
                f"{args.rows / floor:,.0f} rows/s; ratio {floor / elapsed:.2f} x floor "
                f"(target >= 0.5); peak RSS {int(maxrss_kb) / 1024:.0f} MB (target < 300)"
            )
    _ = resource  # peak memory is measured in the child processes


if __name__ == "__main__":
    main()
