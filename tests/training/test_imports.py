"""The completions import through the import machinery: a good file, the same file again, and
the bad-input corpus (unknown person, unknown course, future dates, duplicates, formulas), each
reported by row with nothing written."""

from datetime import date, timedelta

import pytest

from msht.accounts.roles import Role
from msht.interchange.models import ImportBatch
from msht.interchange.services import import_file
from msht.training.models import Completion
from tests.factories import UserFactory

from .factories import admin, person

pytestmark = pytest.mark.django_db

HEADER = "Email,Course code,Completed on,Learning record\n"


def run(tmp_path, body: str, actor, **options) -> ImportBatch:
    path = tmp_path / "completions.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return import_file(actor=actor, kind="training-completions", path=path, **options)


def test_a_good_file_then_the_same_file_again(tmp_path):
    boss = admin()
    priya = person(email="priya@example.test")
    tom = person(Role.PARALEGAL, email="tom@example.test")
    body = (
        "priya@example.test,MSHT-AWARENESS,2024-03-27,LMS-1\n"
        "Tom@Example.test,msht-awareness,27/03/2024,\n"
        "priya@example.test,MSHT-MANDATORY,2023-11-02,LMS-2\n"
    )
    batch = run(tmp_path, body, boss)
    assert batch.status == ImportBatch.Status.COMPLETED, batch.errors
    assert (batch.rows_created, batch.rows_unchanged) == (3, 0)
    assert Completion.objects.filter(person=priya).count() == 2
    assert Completion.objects.get(person=tom).completed_on == date(2024, 3, 27)
    again = run(tmp_path, body, boss)
    assert (again.status, again.rows_created, again.rows_unchanged) == (
        ImportBatch.Status.COMPLETED,
        0,
        3,
    )
    assert Completion.objects.count() == 3


FUTURE = (date.today() + timedelta(days=3)).isoformat()


@pytest.mark.parametrize(
    "row, column, words",
    [
        ("nobody@example.test,MSHT-AWARENESS,2024-01-01,", "Email", "no active account"),
        ("priya@example.test,NO-SUCH-COURSE,2024-01-01,", "Course code", "not a known course"),
        (f"priya@example.test,MSHT-AWARENESS,{FUTURE},", "Completed on", "today or in the past"),
        ("priya@example.test,MSHT-AWARENESS,31/02/2024,", "Completed on", "real date"),
        ('=HYPERLINK("http://x"),MSHT-AWARENESS,2024-01-01,', "Email", "formula"),
        ("priya@example.test,@SUM(A1),2024-01-01,", "Course code", "formula"),
        (
            "priya@example.test,MSHT-AWARENESS,2024-01-01,+cmd|' /C calc'!A0",
            "Learning record",
            "formula",
        ),
        (
            "priya@example.test,MSHT-AWARENESS,2024-03-27,\n"
            "PRIYA@example.test,msht-awareness,27/03/2024,",
            "",
            "repeats",
        ),
    ],
)
def test_bad_rows_are_reported_by_row_and_nothing_is_written(tmp_path, row, column, words):
    boss = admin()
    person(email="priya@example.test")
    good = "priya@example.test,MSHT-MANDATORY,2023-06-01,\n"
    batch = run(tmp_path, good + row + "\n", boss)
    assert batch.status == ImportBatch.Status.REFUSED
    assert Completion.objects.count() == 0  # not even the good first row
    problem = batch.errors[0]
    assert problem["row"] >= 3
    assert problem["column"] == column
    assert words in problem["message"]


def test_someone_who_may_not_manage_training_cannot_import(tmp_path):
    person(email="priya@example.test")
    head = UserFactory(role=Role.UNIT_HEAD)  # may import data, may not manage training
    batch = run(tmp_path, "priya@example.test,MSHT-AWARENESS,2024-01-01,\n", head)
    assert batch.status == ImportBatch.Status.REFUSED
    assert "permission to import training completions" in batch.errors[0]["message"]
    assert Completion.objects.count() == 0
    batch = run(tmp_path, "priya@example.test,MSHT-AWARENESS,2024-01-01,\n", None)
    assert batch.status == ImportBatch.Status.REFUSED  # no actor: refused, never assumed
    assert Completion.objects.count() == 0


def test_valid_rows_only_saves_the_good_rows(tmp_path):
    boss = admin()
    person(email="priya@example.test")
    body = (
        "priya@example.test,MSHT-AWARENESS,2024-01-01,\nnobody@example.test,MSHT-JIT,2024-01-01,\n"
    )
    batch = run(tmp_path, body, boss, valid_rows_only=True)
    assert (batch.rows_created, batch.rows_rejected) == (1, 1)
    assert Completion.objects.count() == 1
