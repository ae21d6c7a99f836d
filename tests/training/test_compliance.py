"""Compliance figures against a hand-counted fixture (see the table in each test), and the
rules of one duty on the edges of its dates."""

from datetime import date
from decimal import Decimal

import pytest

from msht.accounts.roles import Role
from msht.training import compliance as c
from msht.training import selectors
from msht.training.selectors import TrainingFilters

from .factories import admin, completed, person

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 30)


@pytest.fixture
def workforce():
    """Shipped requirements: awareness for prosecutors, paralegals and CPS Direct lawyers
    (36 months); the mandatory course for CCU prosecutors, prosecutors handling complex
    casework and unit heads (24 months); the JIT course recommended for CCU prosecutors.

    | person | role, Area, unit        | duty       | completed   | on 30 June 2025          |
    | P1     | prosecutor, LN, CCU     | awareness  | 1 Feb 2024  | up to date               |
    |        |                         | mandatory  | 15 Jul 2023 | up to date, expiring     |
    |        |                         | JIT (rec.) | -           | recommended, not done    |
    | P2     | prosecutor, LN, MAGS, cx| awareness  | -           | overdue (due 31 Mar 2024)|
    |        |                         | mandatory  | -           | overdue                  |
    | P3     | paralegal, LN, CCU      | awareness  | 10 Jan 2022 | overdue (expired 10 Jan) |
    | P4     | paralegal, WX, CROWN    | awareness  | - (joined 1 Jun 2025) | due 30 Aug 2025 |
    | P5     | unit head, WX, CCU      | mandatory  | 1 May 2025  | up to date               |
    | P6     | system administrator    | -          |             | no duties                |
    | P7     | prosecutor, LN, inactive| -          |             | left out                 |
    """
    boss = admin()
    people = {
        "P1": person(full_name="Ann One"),
        "P2": person(unit="MAGS", handles_complex_casework=True, full_name="Bob Two"),
        "P3": person(Role.PARALEGAL, full_name="Cat Three"),
        "P4": person(
            Role.PARALEGAL, area="WESSEX", unit="CROWN", since=date(2025, 6, 1), full_name="Dan"
        ),
        "P5": person(Role.UNIT_HEAD, area="WESSEX", full_name="Eve Five"),
        "P6": person(Role.SYSTEM_ADMIN, area=None, unit=None, full_name="Fay Six"),
        "P7": person(is_active=False, full_name="Gus Seven"),
    }
    completed(people["P1"], "MSHT-AWARENESS", date(2024, 2, 1), actor=boss)
    completed(people["P1"], "MSHT-MANDATORY", date(2023, 7, 15), actor=boss)
    completed(people["P3"], "MSHT-AWARENESS", date(2022, 1, 10), actor=boss)
    completed(people["P5"], "MSHT-MANDATORY", date(2025, 5, 1), actor=boss)
    return boss, people


def _figures(user, filters=selectors.NO_FILTERS, as_of=AS_OF):
    return c.figures(selectors.snapshot(user, filters, as_of=as_of).duties)


def test_national_figures_match_the_hand_count(workforce):
    boss, _people = workforce
    f = _figures(boss)
    assert (f.people_count, f.required, f.up_to_date, f.expiring, f.due, f.overdue) == (
        5,
        7,
        3,
        1,
        1,
        3,
    )
    assert f.rate == Decimal("42.9")
    assert (f.recommended, f.recommended_done) == (1, 0)


def test_figures_by_area_role_and_course(workforce):
    boss, _people = workforce
    duties = selectors.snapshot(boss, as_of=AS_OF).duties

    def table(key):
        return {
            label: (f.people_count, f.required, f.up_to_date, f.expiring, f.due, f.overdue, f.rate)
            for label, f in ((k[1], v) for k, v in c.figures_by(duties, key).items())
        }

    by_area = table(lambda d: (0, d.person.area))
    assert by_area == {
        "London North": (3, 5, 2, 1, 0, 3, Decimal("40.0")),
        "Wessex": (2, 2, 1, 0, 1, 0, Decimal("50.0")),
    }
    by_role = table(lambda d: (0, d.person.role_label))
    assert by_role == {
        "Prosecutor": (2, 4, 2, 1, 0, 2, Decimal("50.0")),
        "Paralegal": (2, 2, 0, 0, 1, 1, Decimal("0.0")),
        "Unit head / Area MSHT lead": (1, 1, 1, 0, 0, 0, Decimal("100.0")),
    }
    by_course = table(lambda d: (0, d.spec.course_code))
    assert by_course == {
        "MSHT-AWARENESS": (4, 4, 1, 0, 1, 2, Decimal("25.0")),
        "MSHT-MANDATORY": (3, 3, 2, 1, 0, 1, Decimal("66.7")),
    }


def test_filters_narrow_the_figures(workforce):
    boss, _people = workforce
    f = _figures(boss, TrainingFilters(area="WESSEX"))
    assert (f.required, f.up_to_date, f.due) == (2, 1, 1)
    f = _figures(boss, TrainingFilters(role_code=Role.PARALEGAL))
    assert (f.required, f.overdue, f.due) == (2, 1, 1)
    f = _figures(boss, TrainingFilters(course="MSHT-MANDATORY"))
    assert (f.required, f.up_to_date, f.overdue) == (3, 2, 1)
    f = _figures(boss, TrainingFilters(unit="MAGS"))
    assert (f.required, f.overdue) == (2, 2)


def test_a_unit_head_sees_only_their_own_area(workforce):
    _boss, people = workforce
    f = _figures(people["P5"])  # the Wessex unit head
    assert (f.people_count, f.required, f.up_to_date, f.due) == (2, 2, 1, 1)


def test_roles_without_training_view_see_nobody(workforce):
    _boss, people = workforce
    assert _figures(people["P1"]).required == 0
    assert _figures(people["P6"]).required == 0


def test_trend_counts_only_people_who_had_joined(workforce):
    """31 January 2025: P4 had not joined; P3's awareness expired on 10 January; P5 had not
    completed yet (due 31 March 2024, so overdue). 6 required, 2 up to date."""
    boss, _people = workforce
    shot = selectors.snapshot(boss, as_of=AS_OF)
    f = c.figures(shot.duties_on(date(2025, 1, 31)))
    assert (f.required, f.up_to_date, f.overdue, f.due) == (6, 2, 4, 0)
    assert f.rate == Decimal("33.3")


def test_the_people_behind_a_figure(workforce):
    boss, people = workforce
    overdue = selectors.duties_with_status(boss, status="overdue")
    # Today is later than the fixture date, so compare with the computed figures of today.
    figures = c.figures(selectors.snapshot(boss).duties)
    assert len(overdue) == figures.overdue
    assert {d.person.id for d in overdue} >= {people["P2"].pk, people["P3"].pk}
    recommended = selectors.duties_with_status(boss, status="recommended")
    assert [(d.person.id, d.spec.course_code) for d in recommended] == [
        (people["P1"].pk, "MSHT-JIT")
    ]


# --- One duty on the edges of its dates ---------------------------------------------------------


def _spec(refresh=24, grace=90, joined=date(2024, 1, 1), level="mandatory"):
    who = c.PersonFacts(1, "A", "a@x", "prosecutor", "Prosecutor", 1, "A", 1, "U", False, joined)
    return c.DutySpec(who, 1, "Course", "C", level, refresh, grace)


def test_a_completion_expires_on_the_same_day_refresh_months_later():
    spec = _spec(refresh=24)
    done = [date(2023, 7, 15)]
    assert c.assess(spec, done, date(2025, 7, 14)).status == c.UP_TO_DATE
    on_expiry = c.assess(spec, done, date(2025, 7, 15))
    assert (on_expiry.status, on_expiry.due_on) == (c.DUE, date(2025, 7, 15))
    assert c.assess(spec, done, date(2025, 7, 16)).status == c.OVERDUE


def test_expiring_within_60_days_is_inclusive():
    spec = _spec(refresh=24)
    done = [date(2023, 7, 15)]
    assert c.assess(spec, done, date(2025, 5, 16)).expiring  # 60 days before
    assert not c.assess(spec, done, date(2025, 5, 15)).expiring  # 61 days before


def test_a_newcomer_has_the_days_allowed_then_is_overdue():
    spec = _spec(grace=90, joined=date(2025, 1, 1))
    assert c.assess(spec, [], date(2025, 4, 1)).status == c.DUE  # 1 January + 90 days
    assert c.assess(spec, [], date(2025, 4, 2)).status == c.OVERDUE


def test_a_course_without_refresh_never_expires_and_future_completions_do_not_count():
    spec = _spec(refresh=None)
    assert c.assess(spec, [date(2010, 1, 1)], date(2030, 1, 1)).status == c.UP_TO_DATE
    later = c.assess(spec, [date(2026, 1, 1)], date(2025, 1, 1))
    assert later.last_completed is None


def test_two_requirements_for_one_course_merge_to_the_stronger():
    who = c.PersonFacts(1, "A", "a@x", "prosecutor", "Prosecutor", 1, "A", 1, "U", True, AS_OF)
    reqs = [
        c.RequirementFacts(5, "C", "C", "prosecutor", None, False, "recommended", 36, 120),
        c.RequirementFacts(5, "C", "C", "", 1, True, "mandatory", 24, 30),
        c.RequirementFacts(6, "D", "D", "paralegal", None, False, "mandatory", None, 90),
    ]
    (spec,) = c.duties_for([who], reqs)
    assert (spec.level, spec.refresh_months, spec.due_within_days) == ("mandatory", 24, 30)


def test_the_national_pack_has_a_training_table_by_area(workforce):
    from msht.insight import disclosure, periods
    from msht.insight.measures import ALL
    from msht.insight.packs import NATIONAL_PACK, build_pack

    period = periods.MonthRange.parse("2025-06")
    pack = build_pack(kind=NATIONAL_PACK, period=period, scope=ALL)
    (table,) = [t for t in pack.tables if t.measure_id == "training_compliance"]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["London North"] == [3, 5, 2, 1, 3, 40.0]
    assert rows["Wessex"] == [2, 2, 1, 0, 0, 50.0]
    assert rows["England and Wales"] == [5, 7, 3, 1, 3, 42.9]
    assert rows["North East"] == [0, 0, 0, 0, 0, None]
    public = build_pack(kind=NATIONAL_PACK, period=period, scope=ALL, audience=disclosure.PUBLIC)
    assert not any(t.measure_id == "training_compliance" for t in public.tables)
