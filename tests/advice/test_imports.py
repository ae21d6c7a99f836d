"""The police return import kind: good files, re-imports and the bad-input corpus."""

from datetime import date

import pytest

from msht.accounts.roles import Role
from msht.advice.models import PoliceReturn
from msht.interchange.models import ImportBatch
from msht.interchange.services import import_file
from tests.factories import UserFactory, area
from tests.interchange.corpus import write, xlsx, zip_bomb

pytestmark = pytest.mark.django_db

HEADER = "Police force,Month,MSHT crimes recorded,Investigations opened,Referrals to CPS\n"


def run(path, actor=None, **options):
    return import_file(actor=actor, kind="police-returns", path=path, **options)


def test_a_good_file_imports_and_reimporting_changes_nothing(tmp_path):
    path = write(tmp_path / "returns.csv", HEADER + "01,2024-03,14,9,3\n20,2024-03,7,5,1\n")
    batch = run(path)
    assert batch.status == ImportBatch.Status.COMPLETED and batch.rows_created == 2
    row = PoliceReturn.objects.get(key="01|2024-03")
    assert (row.month, row.crimes_recorded, row.referrals_to_cps) == (date(2024, 3, 1), 14, 3)
    again = run(path)
    assert again.rows_unchanged == 2 and again.rows_created == 0


def test_a_changed_figure_updates_the_month(tmp_path):
    run(write(tmp_path / "a.csv", HEADER + "01,2024-03,14,9,3\n"))
    batch = run(write(tmp_path / "b.csv", HEADER + "01,2024-03,15,9,3\n"))
    assert batch.rows_updated == 1
    assert PoliceReturn.objects.get(key="01|2024-03").crimes_recorded == 15


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("99,2024-03,1,1,1", "Police force", "not a known police force code"),
        (",2024-03,1,1,1", "Police force", "missing"),
        ("01,March 2024,1,1,1", "Month", "like 2024-03"),
        ("01,2024-13,1,1,1", "Month", "like 2024-03"),
        ("01,2999-01,1,1,1", "Month", "this month or earlier"),
        ("01,1999-12,1,1,1", "Month", "2000 or later"),
        ("01,2024-03,-4,1,1", "MSHT crimes recorded", "between"),
        ("01,2024-03,lots,1,1", "MSHT crimes recorded", "whole number"),
        ("01,2024-03,1,1,", "Referrals to CPS", "missing"),
        ('01,=HYPERLINK("x"),1,1,1', "Month", "formula"),
    ],
)
def test_bad_values_are_reported_by_row_and_column_and_nothing_is_saved(
    tmp_path, line, column, fragment
):
    path = write(tmp_path / "bad.csv", HEADER + "01,2024-02,1,1,1\n" + line + "\n")
    batch = run(path)
    assert batch.status == ImportBatch.Status.REFUSED
    assert not PoliceReturn.objects.exists()
    problem = batch.errors[0]
    assert problem["row"] == 3 and problem["column"] == column
    assert fragment in problem["message"]


def test_valid_rows_only_keeps_the_good_rows(tmp_path):
    path = write(tmp_path / "mixed.csv", HEADER + "01,2024-02,1,1,1\n99,2024-02,1,1,1\n")
    batch = run(path, valid_rows_only=True)
    assert batch.rows_created == 1 and batch.rows_rejected == 1


def test_an_importer_reaches_only_the_forces_of_their_area(tmp_path):
    head = UserFactory(role=Role.UNIT_HEAD, area=area("WESSEX"))
    batch = run(write(tmp_path / "met.csv", HEADER + "01,2024-02,1,1,1\n"), actor=head)
    assert batch.status == ImportBatch.Status.REFUSED
    assert "not in your Area" in batch.errors[0]["message"]
    ok = run(write(tmp_path / "hants.csv", HEADER + "44,2024-02,1,1,1\n"), actor=head)
    assert ok.status == ImportBatch.Status.COMPLETED


def test_structural_problems_are_refused(tmp_path):
    assert run(write(tmp_path / "empty.csv", "")).status == ImportBatch.Status.REFUSED
    assert run(write(tmp_path / "head.csv", HEADER)).status == ImportBatch.Status.REFUSED
    missing = run(write(tmp_path / "cols.csv", "Police force,Month\n01,2024-03\n"))
    assert missing.status == ImportBatch.Status.REFUSED
    assert "Referrals to CPS" in missing.message + str(missing.errors)
    assert run(zip_bomb(tmp_path / "bomb.xlsx", megabytes=120)).status == (
        ImportBatch.Status.REFUSED
    )
    assert not PoliceReturn.objects.exists()


def test_an_xlsx_return_imports(tmp_path):
    path = xlsx(
        tmp_path / "returns.xlsx",
        [HEADER.strip().split(","), ["01", "2024-03", 14, 9, 3]],
    )
    assert run(path).rows_created == 1
