"""P2: our cases import against django-import-export on the same rows, same database, same run.

    .venv/bin/pip install -e ".[dev,bench]"     # django-import-export 4.4.3 (bench only)
    .venv/bin/python bench/import_vs_import_export.py [--rows 100000] [--databases sqlite]

For each database: a fresh migrated database and one generated cases CSV (the generator of
bench/import_cases.py). Each contender starts from an empty case table and reads the file
from disk into the same tables, in its own process:

- ours: `import_file(kind="cases")`: URN format and force check, force/Area consistency,
  reference-data codes, flags, counts, dates, duplicate keys, the allocation criteria, natural-key
  upsert; writes the case, its exploitation types (M2M) and two case events per case; one
  transaction; one audit event.
- django-import-export, default mode: a `ModelResource` for Case (declared here, not in the
  app) with `urn` as the import id, ForeignKeyWidgets for the Area and police force by code,
  a ManyToManyWidget for exploitation types by code and the Area filled from the force when
  blank; `import_data(dataset)` in one transaction. Per row it looks the case up, builds an
  instance and saves it (and its M2M). It writes no events and checks only what the widgets
  and the model's field types check (no URN format, no force/URN match, no allocation rules).
- django-import-export, `use_bulk=True` (batch 1,000): its fastest mode, which does not
  support M2M fields, so exploitation types are left out: it writes fewer rows than we do.

So the comparison favours django-import-export: it does less work per row. The ratio printed
is (their seconds) / (our seconds) for the same rows.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_cases import PY, clear_cases, fresh_database, generate, run  # noqa: E402

OURS = r"""
import sys, time, django
django.setup()
from pathlib import Path
from msht.interchange.services import import_file
start = time.perf_counter()
batch = import_file(actor=None, kind="cases", path=Path(sys.argv[1]))
elapsed = time.perf_counter() - start
assert batch.status == "completed", (batch.status, batch.message, batch.errors[:3])
print(elapsed, batch.rows_created)
"""

THEIRS = r"""
import sys, time, django
django.setup()
import tablib
from django.db import transaction
from import_export import fields, resources, widgets
from msht.cases.models import Case
from msht.reference.models import Area, ExploitationType, PoliceForce

BULK = sys.argv[2] == "bulk"
FORCE_AREA = dict(PoliceForce.objects.values_list("code", "area__code"))


class CaseResource(resources.ModelResource):
    urn = fields.Field(attribute="urn", column_name="URN")
    area = fields.Field(
        attribute="area", column_name="Area", widget=widgets.ForeignKeyWidget(Area, "code")
    )
    police_force = fields.Field(
        attribute="police_force",
        column_name="Police force",
        widget=widgets.ForeignKeyWidget(PoliceForce, "code"),
    )
    operation_name = fields.Field(attribute="operation_name", column_name="Operation name")
    international = fields.Field(
        attribute="international", column_name="International element",
        widget=widgets.BooleanWidget(),
    )
    organised_crime_group = fields.Field(
        attribute="organised_crime_group", column_name="Organised crime group",
        widget=widgets.BooleanWidget(),
    )
    victim_count = fields.Field(
        attribute="victim_count", column_name="Number of victims",
        widget=widgets.IntegerWidget(),
    )
    suspect_count = fields.Field(
        attribute="suspect_count", column_name="Number of suspects",
        widget=widgets.IntegerWidget(),
    )
    referral_date = fields.Field(
        attribute="referral_date", column_name="Police referral date",
        widget=widgets.DateWidget("%Y-%m-%d"),
    )
    if not BULK:
        exploitation_types = fields.Field(
            attribute="exploitation_types", column_name="Exploitation types",
            widget=widgets.ManyToManyWidget(ExploitationType, separator=";", field="code"),
        )

    class Meta:
        model = Case
        import_id_fields = ["urn"]
        fields = [
            "urn", "area", "police_force", "operation_name", "international",
            "organised_crime_group", "victim_count", "suspect_count", "referral_date",
        ] + ([] if BULK else ["exploitation_types"])
        use_bulk = BULK
        batch_size = 1000
        skip_diff = True  # its own advice for speed: no before/after diff per row
        use_transactions = True

    def before_import_row(self, row, **kwargs):
        yes_no = {"yes": "1", "no": "0", "": "0"}
        for column in ("International element", "Organised crime group"):
            row[column] = yes_no.get((row.get(column) or "").lower(), row.get(column))
        if not row.get("Area"):
            row["Area"] = FORCE_AREA.get(row.get("Police force"))


start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as handle:
    dataset = tablib.Dataset().load(handle.read(), format="csv")
result = CaseResource().import_data(dataset, raise_errors=True)
elapsed = time.perf_counter() - start
assert not result.has_errors() and not result.has_validation_errors()
print(elapsed, Case.objects.count())
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    # DEBUG off: Django would otherwise keep every query of the per-row contender in memory.
    env = {"DJANGO_SETTINGS_MODULE": "msht.settings.dev", "DEBUG": "False"}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        data = folder / "cases.csv"
        generate(data, args.rows)
        print(f"{args.rows:,} generated case rows; each contender starts from an empty table")
        for kind in args.databases.split(","):
            url = fresh_database(kind, args.postgres, folder)
            timings = {}
            for name, code, extra in (
                ("ours", OURS, []),
                ("import-export (default)", THEIRS, ["default"]),
                ("import-export (use_bulk, no M2M)", THEIRS, ["bulk"]),
            ):
                clear_cases(url)
                out = run([PY, "-c", code, str(data), *extra], {**env, "DATABASE_URL": url})
                elapsed, count = out.stdout.split()[-2:]
                assert int(count) == args.rows, (name, count)
                timings[name] = float(elapsed)
            ours = timings["ours"]
            for name, seconds in timings.items():
                print(
                    f"{kind:10} {name:34} {seconds:8.1f} s  {args.rows / seconds:>9,.0f} rows/s"
                    + ("" if name == "ours" else f"  ours is {seconds / ours:5.1f} x faster")
                )
            print(f"{kind:10} P2 target: ours >= 10 x faster than django-import-export")


if __name__ == "__main__":
    main()
