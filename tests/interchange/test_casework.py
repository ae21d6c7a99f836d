"""Case and milestone imports apply the case register's rules, in bulk."""

from datetime import date

import pytest

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.cases.models import Case, CaseEvent, CaseStatus
from msht.interchange.models import ImportBatch
from msht.interchange.services import import_file

from .corpus import write

pytestmark = pytest.mark.django_db

HEADER = (
    "URN,Area,Police force,Operation name,Exploitation types,International element,"
    "Organised crime group,Joint investigation team,Child victim,County lines,"
    "Number of victims,Number of suspects,Police referral date\n"
)
GOOD = (
    "01YE0000124,,01,Operation Kestrel,LABOUR;CRIMINAL,yes,no,,,,3,2,2024-03-27\n"
    "20 AB 00002 24,,,,SEXUAL,,,,,,1,1,27/03/2024\n"
)


def cases(tmp_path, content, **options):
    return import_file(
        actor=options.pop("actor", None),
        kind="cases",
        path=write(tmp_path / "cases.csv", HEADER + content),
        **options,
    )


def test_cases_import_with_the_register_rules(tmp_path):
    batch = cases(tmp_path, GOOD)
    assert batch.status == ImportBatch.Status.COMPLETED, (batch.message, batch.errors)
    assert batch.rows_created == 2
    first = Case.objects.get(urn="01YE0000124")
    assert first.area.code == "LONDON-NORTH"  # the force's Area
    assert first.international and first.victim_count == 3
    assert first.referral_date == date(2024, 3, 27)
    assert sorted(first.exploitation_types.values_list("code", flat=True)) == ["CRIMINAL", "LABOUR"]
    assert Case.objects.get(urn="20AB0000224").area.code == "WEST-MIDLANDS"
    assert set(CaseEvent.objects.values_list("kind", flat=True)) == {
        "registered",
        "police_referral",
    }
    event = AuditEvent.objects.get(operation=Operation.COLLECTION, object_type="import_batch")
    assert event.detail["created"] == 2


def test_reimporting_cases_changes_nothing(tmp_path):
    cases(tmp_path, GOOD)
    versions = list(Case.objects.order_by("urn").values_list("urn", "version", "updated_at"))
    again = cases(tmp_path, GOOD)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    assert list(Case.objects.order_by("urn").values_list("urn", "version", "updated_at")) == (
        versions
    )


def test_a_changed_row_updates_the_case_and_bumps_its_version(tmp_path):
    cases(tmp_path, GOOD)
    batch = cases(tmp_path, GOOD.replace("LABOUR;CRIMINAL,yes", "LABOUR,no"))
    assert (batch.rows_updated, batch.rows_unchanged) == (1, 1)
    case = Case.objects.get(urn="01YE0000124")
    assert case.version == 2 and not case.international
    assert list(case.exploitation_types.values_list("code", flat=True)) == ["LABOUR"]


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("XX,,,,,,,,,,,,\n", "URN", "Enter a URN in the format"),
        ("99YE0000124,,,,,,,,,,,,\n", "URN", "not a police force code"),
        ("01YE0000124,,20,,,,,,,,,,\n", "Police force", "must be 01"),
        ("01YE0000124,NOWHERE,,,,,,,,,,,\n", "Area", "not a known Area code"),
        ("01YE0000124,,,,SLAVERY,,,,,,,,\n", "Exploitation types", "not a known code"),
        ("01YE0000124,,,,,maybe,,,,,,,\n", "International element", "yes or no"),
        ("01YE0000124,,,,,,,,,,lots,,\n", "Number of victims", "whole number"),
        ("01YE0000124,,,,,,,,,,,,31/02/2024\n", "Police referral date", "real date"),
        ("01YE0000124,,,,,,,,,,,,2999-01-01\n", "Police referral date", "in the past"),
        ("01YE0000124,,,,,,,,,,,,March 2024\n", "Police referral date", "a date like"),
        ("01YE0000124,,,=cmd|' /C calc'!A0,,,,,,,,,\n", "Operation name", "formula"),
    ],
)
def test_bad_case_rows(tmp_path, row, column, fragment):
    batch = cases(tmp_path, GOOD + row)
    assert batch.status == ImportBatch.Status.REFUSED
    assert Case.objects.count() == 0 and CaseEvent.objects.count() == 0
    error = batch.errors[0]
    assert (error["row"], error["column"]) == (4, column)
    assert fragment in error["message"]


def test_duplicate_urns_in_one_file(tmp_path):
    batch = cases(tmp_path, GOOD + "01 YE 00001 24,,,,,,,,,,,,\n")
    assert batch.status == ImportBatch.Status.REFUSED
    assert "repeats the URN" in batch.errors[0]["message"]
    assert Case.objects.count() == 0


def test_a_prosecutor_imports_only_into_their_own_area(tmp_path, user_for_role):
    head = user_for_role(Role.UNIT_HEAD)  # London North
    batch = cases(tmp_path, GOOD, actor=head, valid_rows_only=True)
    assert batch.rows_created == 1 and batch.rows_rejected == 1
    assert "your own Area" in batch.errors[0]["message"]
    assert list(Case.objects.values_list("urn", flat=True)) == ["01YE0000124"]


MILESTONES = (
    "URN,Advice requested date,Advice given date,Charging decision date,"
    "First hearing date,Trial date,Finalised date,Charging decision,Outcome,"
    "Unsuccessful reason\n"
)


def milestones(tmp_path, content, **options):
    return import_file(
        actor=None,
        kind="milestones",
        path=write(tmp_path / "m.csv", MILESTONES + content),
        **options,
    )


def test_milestones_and_outcomes(tmp_path):
    cases(tmp_path, GOOD)
    batch = milestones(
        tmp_path,
        (
            "01YE0000124,2024-03-28,2024-04-02,2024-05-01,2024-05-20,,2024-09-01,charge,"
            "GUILTY-PLEA,\n"
            "20AB0000224,,,2024-04-01,,,,nfa_evidential,,\n"
        ),
    )
    assert batch.status == ImportBatch.Status.COMPLETED, batch.errors
    first = Case.objects.get(urn="01YE0000124")
    assert first.status == CaseStatus.FINALISED and first.outcome.code == "GUILTY-PLEA"
    assert first.charge_date == date(2024, 5, 1)
    assert Case.objects.get(urn="20AB0000224").status == CaseStatus.NO_FURTHER_ACTION
    again = milestones(
        tmp_path,
        (
            "01YE0000124,2024-03-28,2024-04-02,2024-05-01,2024-05-20,,2024-09-01,charge,"
            "GUILTY-PLEA,\n"
        ),
    )
    assert again.rows_unchanged == 1 and again.rows_updated == 0


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("01YE0000124,,,2024-01-01,,,,charge,,\n", "must be on or after the police referral"),
        ("01YE0000124,,,,,,2024-09-01,,ACQUITTED,\n", "Unsuccessful reason is missing"),
        ("01YE0000124,,,,,,2024-09-01,,,\n", "Outcome is missing"),
        ("01YE0999924,,,,,,,,,\n", "no case with URN"),
        ("01YE0000124,,,,,,,sideways,,\n", "not a known charging decision"),
    ],
)
def test_bad_milestones(tmp_path, row, fragment):
    cases(tmp_path, GOOD)
    before = list(Case.objects.values_list("version", flat=True))
    batch = milestones(tmp_path, row)
    assert batch.status == ImportBatch.Status.REFUSED
    assert fragment in batch.errors[0]["message"]
    assert list(Case.objects.values_list("version", flat=True)) == before


def test_new_cases_written_below_the_orm_read_back_like_any_other(tmp_path):
    """The fast insert path (executemany / COPY) stores values as the ORM would."""
    from msht.cases.models import AllocationRule
    from msht.cases.services import case_facts, recommend_from_facts

    cases(tmp_path, GOOD)
    case = Case.objects.get(urn="01YE0000124")
    assert case.created_at is not None and case.updated_at is not None
    assert case.version == 1 and case.status == CaseStatus.PRE_CHARGE
    assert case.referral_date == date(2024, 3, 27)
    rules = AllocationRule.objects.filter(enabled=True).select_related("recommended_unit")
    expected = recommend_from_facts(case_facts(case), rules)
    assert case.recommended_unit == expected.unit
    assert case.recommendation_reasons == expected.reasons
    event = CaseEvent.objects.get(case=case, kind="police_referral")
    assert event.details == {"import": True} and event.occurred_on == date(2024, 3, 27)
    assert event.recorded_at is not None
