"""Victim measures imports: special measures and interpreter bookings by URN + victim reference.

No identifying detail may reach a report or an audit row, whatever a file holds.
"""

import json
from datetime import date, timedelta

import pytest

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent
from msht.interchange.models import ImportBatch
from msht.interchange.services import import_file
from msht.victims.models import InterpreterBooking, SpecialMeasureApplication

from ..cases.factories import make_case
from ..victims.factories import NAME, make_victim, today
from .corpus import write

pytestmark = pytest.mark.django_db

MEASURES = "URN,Victim,Measure,Eligibility,Date applied,Status,Date decided\n"
BOOKINGS = (
    "URN,Victim,Kind,Language,Purpose,Date requested,Date needed,Date booked,Outcome,Effect\n"
)


def run(tmp_path, kind, header, content, **options):
    return import_file(
        actor=options.pop("actor", None),
        kind=kind,
        path=write(tmp_path / f"{kind}.csv", header + content),
        **options,
    )


@pytest.fixture
def victim():
    return make_victim()


def measures_rows(urn):
    return (
        f"{urn},V1,screens,,2024-05-01,granted,2024-05-20\n"
        f"{urn},v1,live_link,fear_distress,2024-05-01,,\n"
    )


def test_special_measures_import_and_reimport(tmp_path, victim):
    batch = run(tmp_path, "special-measures", MEASURES, measures_rows(victim.case.urn))
    assert batch.status == ImportBatch.Status.COMPLETED, batch.errors
    assert batch.rows_created == 2
    screens = SpecialMeasureApplication.objects.get(victim=victim, measure="screens")
    assert (screens.status, screens.decided_on, screens.eligibility) == (
        "granted",
        date(2024, 5, 20),
        "msa_s46",
    )
    live = SpecialMeasureApplication.objects.get(measure="live_link")
    assert (live.status, live.eligibility) == ("applied", "fear_distress")

    again = run(tmp_path, "special-measures", MEASURES, measures_rows(victim.case.urn))
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)

    decided = run(
        tmp_path,
        "special-measures",
        MEASURES,
        f"{victim.case.urn},V1,live_link,fear_distress,2024-05-01,refused,2024-05-21\n",
    )
    assert (decided.rows_created, decided.rows_updated) == (0, 1)
    live.refresh_from_db()
    assert (live.status, live.decided_on) == ("refused", date(2024, 5, 21))
    assert SpecialMeasureApplication.objects.count() == 2


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("{urn},V2,screens,,2024-05-02,,\n", "Victim", "no victim V2"),
        ("{urn},V1,shouting,,2024-05-02,,\n", "Measure", "not known"),
        ("{urn},V1,,,2024-05-02,,\n", "Measure", "missing"),
        ("{urn},V1,private,,2024-05-02,granted,\n", "Date decided", "missing"),
        ("{urn},V1,private,,2024-05-02,granted,2024-05-01\n", "Date decided", "cannot come"),
        ("{urn},V1,private,,2024-05-02,,2024-05-03\n", "Status", "remove the date"),
        ("{urn},V1,private,,2999-05-02,,\n", "Date applied", "in the past"),
        ("{urn},V1,live_link,,2024-06-01,,\n", "Status", "still waiting for a decision"),
        ("{urn},V1,screens,,2024-05-01,refused,2024-05-20\n", "", "repeats"),
    ],
)
def test_bad_special_measure_rows_write_nothing(tmp_path, victim, row, column, fragment):
    content = measures_rows(victim.case.urn) + row.format(urn=victim.case.urn)
    batch = run(tmp_path, "special-measures", MEASURES, content)
    assert batch.status == ImportBatch.Status.REFUSED, batch.errors
    assert SpecialMeasureApplication.objects.count() == 0
    error = batch.errors[0]
    assert (error["row"], error["column"]) == (4, column)
    assert fragment in error["message"]


def test_a_name_in_the_victim_column_never_reaches_the_report_or_audit(tmp_path, victim):
    content = f"{victim.case.urn},{NAME},screens,,2024-05-01,,\n"
    batch = run(tmp_path, "special-measures", MEASURES, content, valid_rows_only=True)
    assert batch.rows_rejected == 1
    assert "like V1" in batch.errors[0]["message"]
    stored = json.dumps(batch.errors) + batch.message
    assert "Zelmira" not in stored and "Quintavalle" not in stored
    audit = json.dumps(list(AuditEvent.objects.values("detail", "reason", "object_id")))
    assert "Zelmira" not in audit


def test_out_of_scope_victims_look_missing(tmp_path, user_for_role):
    mine = make_victim(identity=False)  # London North
    theirs = make_victim(case=make_case(force="20"), identity=False)
    head = user_for_role(Role.UNIT_HEAD)
    batch = run(
        tmp_path,
        "special-measures",
        MEASURES,
        f"{mine.case.urn},V1,screens,,2024-05-01,,\n{theirs.case.urn},V1,screens,,2024-05-01,,\n",
        actor=head,
        valid_rows_only=True,
    )
    assert (batch.rows_created, batch.rows_rejected) == (1, 1)
    assert "no victim V1" in batch.errors[0]["message"]
    assert list(SpecialMeasureApplication.objects.values_list("victim_id", flat=True)) == [mine.pk]


def bookings_rows(urn):
    return (
        f"{urn},V1,interpreter,sq,trial,2024-05-01,2024-06-10,2024-05-15,late,adjourned\n"
        f"{urn},V1,intermediary,,interview,2024-05-01,2024-05-08,,,\n"
    )


def test_interpreter_bookings_import_and_reimport(tmp_path, victim):
    batch = run(tmp_path, "interpreters", BOOKINGS, bookings_rows(victim.case.urn))
    assert batch.status == ImportBatch.Status.COMPLETED, batch.errors
    assert batch.rows_created == 2
    booking = InterpreterBooking.objects.get(kind="interpreter")
    assert booking.language.code == "sqi" and booking.lead_days == 26
    assert (booking.outcome, booking.effect) == ("late", "adjourned")
    again = run(tmp_path, "interpreters", BOOKINGS, bookings_rows(victim.case.urn))
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    booked = run(
        tmp_path,
        "interpreters",
        BOOKINGS,
        f"{victim.case.urn},V1,intermediary,,interview,2024-05-01,2024-05-08,2024-05-02,"
        "provided,none\n",
    )
    assert booked.rows_updated == 1
    assert InterpreterBooking.objects.get(kind="intermediary").outcome == "provided"


SQ = "{urn},V1,interpreter,sq,trial,2024-05-01,"


def future(days):
    return (today() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("{urn},V1,interpreter,,trial,2024-05-01,2024-06-11,,,\n", "Language", "missing"),
        ("{urn},V1,interpreter,xx,trial,2024-05-01,2024-06-11,,,\n", "Language", "not a known"),
        ("{urn},V1,interpreter,sq,trial,2024-05-01,2024-04-11,,,\n", "Date needed", "on or after"),
        (SQ + "2024-06-11,2024-06-12,,\n", "Date booked", "on or before"),
        (SQ + "2024-06-11,,provided,vacated\n", "Effect", "cannot have caused"),
        (SQ + future(30) + ",,late,\n", "Outcome", "on or after the date needed"),
        ("{urn},V1,interpreter,sq,party,2024-05-01,2024-06-11,,,\n", "Purpose", "not known"),
        ("{urn},V1,translator,sq,trial,2024-05-01,2024-06-11,,,\n", "Kind", "not known"),
    ],
)  # fmt: skip
def test_bad_booking_rows_write_nothing(tmp_path, victim, row, column, fragment):
    content = bookings_rows(victim.case.urn) + row.format(urn=victim.case.urn)
    batch = run(tmp_path, "interpreters", BOOKINGS, content)
    assert batch.status == ImportBatch.Status.REFUSED, batch.errors
    assert InterpreterBooking.objects.count() == 0
    error = batch.errors[0]
    assert (error["row"], error["column"]) == (4, column)
    assert fragment in error["message"]
