"""Defendant and charge imports: the register's rules, natural keys, idempotent re-imports."""

from datetime import date

import pytest

from msht.accounts.roles import Role
from msht.cases.models import CaseEvent, Charge, Defendant
from msht.interchange.models import ImportBatch
from msht.interchange.services import import_file

from ..cases.factories import make_case, make_charged_case
from .corpus import write

pytestmark = pytest.mark.django_db

DEFENDANTS = "URN,Defendant reference,Age band,Gender,Nationality\n"
CHARGES = (
    "URN,Defendant reference,Offence,Date of charge,Principal,Plea,Date of plea,Verdict,"
    "Date of verdict\n"
)


def run(tmp_path, kind, header, content, **options):
    return import_file(
        actor=options.pop("actor", None),
        kind=kind,
        path=write(tmp_path / f"{kind}.csv", header + content),
        **options,
    )


@pytest.fixture
def charged():
    return make_charged_case()  # charged on 2024-03-01


def defendants_rows(urn):
    return f"{urn},d1,25_34,male,ALB\n{urn},D2,,female,VN\n"


def test_defendants_import_and_reimport_changes_nothing(tmp_path, charged):
    version = charged.version
    batch = run(tmp_path, "defendants", DEFENDANTS, defendants_rows(charged.urn))
    assert batch.status == ImportBatch.Status.COMPLETED, batch.errors
    assert batch.rows_created == 2
    d1 = Defendant.objects.get(case=charged, reference="D1")
    assert (d1.age_band, d1.gender, d1.nationality.code) == ("25_34", "male", "ALB")
    d2 = Defendant.objects.get(case=charged, reference="D2")
    assert (d2.age_band, d2.nationality.code) == ("unknown", "VNM")
    charged.refresh_from_db()
    assert charged.version == version + 1
    assert CaseEvent.objects.filter(case=charged, kind="defendant_added").count() == 2

    again = run(tmp_path, "defendants", DEFENDANTS, defendants_rows(charged.urn))
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    charged.refresh_from_db()
    assert charged.version == version + 1
    assert Defendant.objects.count() == 2

    changed = run(
        tmp_path,
        "defendants",
        DEFENDANTS,
        defendants_rows(charged.urn).replace("male,ALB", "male,"),
    )
    assert (changed.rows_updated, changed.rows_unchanged) == (1, 1)
    assert Defendant.objects.get(reference="D1").nationality is None


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("{urn},John Smith,,,\n", "Defendant reference", "never a name"),
        ("{urn},,,,\n", "Defendant reference", "missing"),
        ("{urn},D9,old,,\n", "Age band", "not known"),
        ("{urn},D9,,robot,\n", "Gender", "not known"),
        ("{urn},D9,,,XXX\n", "Nationality", "not a known country code"),
        ("{urn},=D9,,,\n", "Defendant reference", "formula"),
        ("01YE9999924,D9,,,\n", "URN", "no case with URN"),
        ("{urn},d1,,,\n", "", "repeats"),
    ],
)
def test_bad_defendant_rows_write_nothing(tmp_path, charged, row, column, fragment):
    events = CaseEvent.objects.count()
    batch = run(
        tmp_path,
        "defendants",
        DEFENDANTS,
        defendants_rows(charged.urn) + row.format(urn=charged.urn),
    )
    assert batch.status == ImportBatch.Status.REFUSED
    assert Defendant.objects.count() == 0 and CaseEvent.objects.count() == events
    error = batch.errors[0]
    assert error["row"] == 4 and error["column"] == column
    assert fragment in error["message"]


def test_a_unit_head_imports_defendants_only_in_their_area(tmp_path, user_for_role):
    mine, theirs = make_case(), make_case(force="20")  # London North, West Midlands
    head = user_for_role(Role.UNIT_HEAD)
    batch = run(
        tmp_path,
        "defendants",
        DEFENDANTS,
        f"{mine.urn},D1,,,\n{theirs.urn},D1,,,\n",
        actor=head,
        valid_rows_only=True,
    )
    assert (batch.rows_created, batch.rows_rejected) == (1, 1)
    assert "no case with URN" in batch.errors[0]["message"]  # out of scope looks missing
    assert list(Defendant.objects.values_list("case_id", flat=True)) == [mine.pk]


def charges_rows(urn):
    return (
        f"{urn},D1,MSA-S2,2024-03-01,,guilty,2024-04-01,convicted,2024-04-01\n"
        f"{urn},D1,MSA-S1,2024-03-02,no,not_guilty,2024-04-01,,\n"
        f"{urn},D2,MSA-S4,01/03/2024,,,,,\n"
    )


def test_charges_import_with_principal_pleas_verdicts_and_idempotent(tmp_path, charged):
    run(tmp_path, "defendants", DEFENDANTS, defendants_rows(charged.urn))
    batch = run(tmp_path, "charges", CHARGES, charges_rows(charged.urn))
    assert batch.status == ImportBatch.Status.COMPLETED, batch.errors
    assert batch.rows_created == 3
    principal = Charge.objects.get(is_principal=True)
    assert principal.offence.code == "MSA-S2"  # the first charge, as charge_add does
    assert (principal.plea, principal.verdict, principal.verdict_on) == (
        "guilty",
        "convicted",
        date(2024, 4, 1),
    )
    charged.refresh_from_db()
    assert charged.principal_offence.code == "MSA-S2"
    kinds = list(CaseEvent.objects.filter(case=charged).values_list("kind", flat=True))
    assert kinds.count("charge_added") == 3 and kinds.count("plea") == 2
    assert kinds.count("verdict") == 1
    version = charged.version

    again = run(tmp_path, "charges", CHARGES, charges_rows(charged.urn))
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 3)
    charged.refresh_from_db()
    assert charged.version == version and Charge.objects.count() == 3

    moved = run(
        tmp_path,
        "charges",
        CHARGES,
        f"{charged.urn},D2,MSA-S4,01/03/2024,yes,,,,\n",
    )
    assert moved.rows_updated == 1
    assert list(
        Charge.objects.filter(is_principal=True).values_list("offence__code", flat=True)
    ) == ["MSA-S4"]
    charged.refresh_from_db()
    assert charged.principal_offence.code == "MSA-S4" and charged.version == version + 1


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("{urn},D1,MSA-S99,2024-03-05,,,,,\n", "Offence", "not a known offence code"),
        ("{urn},D1,CL-KIDNAP,2024-02-01,,,,,\n", "Date of charge", "on or after the case's"),
        ("{urn},D1,CL-KIDNAP,2999-02-01,,,,,\n", "Date of charge", "in the past"),
        ("{urn},D3,CL-KIDNAP,2024-03-05,,,,,\n", "Defendant reference", "no defendant D3"),
        ("{urn},D1,CL-KIDNAP,2024-03-05,,guilty,,,\n", "Date of plea", "missing"),
        ("{urn},D1,CL-KIDNAP,2024-03-05,,,,,2024-04-01\n", "Verdict", "missing"),
        ("{urn},D1,CL-KIDNAP,2024-03-05,,guilty,2024-03-04,,\n", "Date of plea", "on or after"),
        ("{urn},D1,CL-KIDNAP,2024-03-05,,,,hung,2024-04-01\n", "Verdict", "not known"),
        ("{urn},D1,CL-KIDNAP,2024-03-05,maybe,,,,\n", "Principal", "yes, no or blank"),
        ("{urn},D2,CL-KIDNAP,2024-03-05,yes,,,,\n", "Principal", "one principal offence"),
        ("{urn},D1,MSA-S2,2024-03-05,,,,,\n", "", "repeats"),
    ],
)
def test_bad_charge_rows_write_nothing(tmp_path, charged, row, column, fragment):
    run(tmp_path, "defendants", DEFENDANTS, defendants_rows(charged.urn))
    events = CaseEvent.objects.count()
    content = (
        f"{charged.urn},D1,MSA-S2,2024-03-01,yes,,,,\n"
        f"{charged.urn},D2,MSA-S1,2024-03-01,,,,,\n" + row.format(urn=charged.urn)
    )
    batch = run(tmp_path, "charges", CHARGES, content)
    assert batch.status == ImportBatch.Status.REFUSED, batch.errors
    assert Charge.objects.count() == 0 and CaseEvent.objects.count() == events
    error = batch.errors[0]
    assert (error["row"], error["column"]) == (4, column)
    assert fragment in error["message"]


def test_charges_need_a_decision_to_charge(tmp_path):
    case = make_case()
    run(tmp_path, "defendants", DEFENDANTS, f"{case.urn},D1,,,\n")
    batch = run(tmp_path, "charges", CHARGES, f"{case.urn},D1,MSA-S2,2024-03-01,,,,,\n")
    assert batch.status == ImportBatch.Status.REFUSED
    assert "no decision to charge" in batch.errors[0]["message"]
    assert Charge.objects.count() == 0


def test_simulated_charges_save_nothing(tmp_path, charged):
    run(tmp_path, "defendants", DEFENDANTS, defendants_rows(charged.urn))
    batch = run(tmp_path, "charges", CHARGES, charges_rows(charged.urn), simulate=True)
    assert batch.status == ImportBatch.Status.SIMULATED and batch.rows_created == 3
    assert Charge.objects.count() == 0
