"""Each measure's figures against the hand-counted fixture in factories.hand_counted_set."""

from datetime import date

import pytest

from msht.insight import periods
from msht.insight.catalogue import OFFENCE
from msht.insight.measures import (
    ALL,
    NATIONAL,
    Filters,
    count_rows,
    distribution_rows,
    median_rows,
    with_national,
)

from .factories import area_id, hand_counted_set

pytestmark = pytest.mark.django_db

YEAR_2024 = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31))


@pytest.fixture
def cases():
    return hand_counted_set()


def by_month(measure, filters=YEAR_2024, name="n"):
    rows = with_national(count_rows(measure, ALL, filters, grain=periods.MONTH))
    return {
        (area, periods.label(period, periods.MONTH)): counts[name]
        for (area, period, _c), counts in rows.items()
    }


def test_police_referrals_by_area_and_month(cases):
    ln, wm = area_id("LONDON-NORTH"), area_id("WEST-MIDLANDS")
    assert by_month("police_referrals") == {
        (ln, "January 2024"): 2,
        (ln, "February 2024"): 2,
        (wm, "January 2024"): 1,
        (wm, "March 2024"): 2,
        (NATIONAL, "January 2024"): 3,
        (NATIONAL, "February 2024"): 2,
        (NATIONAL, "March 2024"): 2,
    }


def totals(measure, filters=YEAR_2024, name="n", grain=None):
    rows = with_national(count_rows(measure, ALL, filters, grain=grain))
    return {(area, category): counts[name] for (area, _p, category), counts in rows.items()}


def test_cases_and_suspects_charged_by_month(cases):
    ln, wm = area_id("LONDON-NORTH"), area_id("WEST-MIDLANDS")
    assert by_month("cases_charged") == {
        (ln, "January 2024"): 1,
        (ln, "February 2024"): 1,
        (ln, "March 2024"): 1,
        (wm, "April 2024"): 1,
        (wm, "May 2024"): 1,
        (NATIONAL, "January 2024"): 1,
        (NATIONAL, "February 2024"): 1,
        (NATIONAL, "March 2024"): 1,
        (NATIONAL, "April 2024"): 1,
        (NATIONAL, "May 2024"): 1,
    }
    suspects = by_month("suspects_charged")
    assert suspects[(ln, "March 2024")] == 2
    assert suspects[(wm, "May 2024")] == 3
    assert sum(v for (area, _m), v in suspects.items() if area is NATIONAL) == 8


def test_charge_rate_leaves_out_referrals_back(cases):
    ln, wm = area_id("LONDON-NORTH"), area_id("WEST-MIDLANDS")
    num = totals("charge_rate", name="num")
    den = totals("charge_rate", name="den")
    assert (num[(ln, None)], den[(ln, None)]) == (3, 4)
    assert (num[(wm, None)], den[(wm, None)]) == (2, 2)
    assert (num[(NATIONAL, None)], den[(NATIONAL, None)]) == (5, 6)


def test_finalisations_convictions_and_rate(cases):
    ln, wm = area_id("LONDON-NORTH"), area_id("WEST-MIDLANDS")
    assert totals("prosecutions_finalised") == {(ln, None): 3, (wm, None): 2, (NATIONAL, None): 5}
    assert totals("convictions") == {(ln, None): 2, (wm, None): 1, (NATIONAL, None): 3}
    assert totals("conviction_rate", name="num")[(NATIONAL, None)] == 3
    assert totals("conviction_rate", name="den")[(NATIONAL, None)] == 5
    assert by_month("prosecutions_finalised")[(ln, "June 2024")] == 2


def test_breakdowns(cases):
    def national(measure):
        return {c: n for (area, c), n in totals(measure).items() if area is NATIONAL}

    assert national("outcomes") == {
        "GUILTY-PLEA": 2,
        "ACQUITTED": 1,
        "CONVICTED-AFTER-TRIAL": 1,
        "DISCONTINUED": 1,
    }
    assert national("unsuccessful_reasons") == {"VICTIM-RETRACTION": 1, "PUBLIC-INTEREST": 1}
    assert national("charging_decisions") == {"charge": 5, "nfa_evidential": 1, "refer_back": 1}
    assert national("charges_by_offence") == {"MSA-S2": 6, "MSA-S1": 1, "FA2006-S6": 1}
    assert national("orders_made") == {"prevention": 1}
    assert national("s45_considerations") == {"prosecute": 1}


def test_timeliness_medians_by_area_month_and_nation(cases):
    ln, wm = area_id("LONDON-NORTH"), area_id("WEST-MIDLANDS")
    advice = median_rows("advice_turnaround", ALL, YEAR_2024, grain=periods.MONTH, by_area=True)
    jan, feb = periods.month_index(date(2024, 1, 1)), periods.month_index(date(2024, 2, 1))
    assert advice == {(ln, jan): {"median": 10, "n": 1}, (wm, feb): {"median": 30, "n": 1}}
    national = median_rows("advice_turnaround", ALL, YEAR_2024, grain=None, by_area=False)
    assert national == {(NATIONAL, None): {"median": 20, "n": 2}}

    # Referral to charge: 26, 36, 51 days (London North); 86, 60 (West Midlands).
    charge = median_rows("referral_to_charge", ALL, YEAR_2024, grain=None, by_area=True)
    assert charge[(ln, None)] == {"median": 36, "n": 3}
    assert charge[(wm, None)] == {"median": 73, "n": 2}
    national = median_rows("referral_to_charge", ALL, YEAR_2024, grain=None, by_area=False)
    assert national[(NATIONAL, None)] == {"median": 51, "n": 5}

    days = sorted(
        (end - start).days
        for start, end in [
            (date(2024, 1, 5), date(2024, 4, 1)),
            (date(2024, 3, 1), date(2024, 6, 1)),
            (date(2024, 2, 20), date(2024, 6, 20)),
            (date(2024, 4, 15), date(2024, 7, 1)),
            (date(2024, 5, 1), date(2024, 8, 2)),
        ]
    )
    finalised = median_rows("charge_to_finalisation", ALL, YEAR_2024, grain=None, by_area=False)
    assert finalised[(NATIONAL, None)] == {"median": days[2], "n": 5}


def test_distribution_bands(cases):
    rows = distribution_rows("referral_to_charge", ALL, YEAR_2024, by_area=False)
    assert list(rows[(NATIONAL, None, None)].values()) == [0, 1, 4, 0, 0, 0]


def test_quarters_and_financial_years(cases):
    wide = Filters(start=date(2023, 12, 1), end=date(2024, 12, 31))
    fy = with_national(count_rows("police_referrals", ALL, wide, grain=periods.FINANCIAL_YEAR))
    assert {
        periods.label(p, periods.FINANCIAL_YEAR): c["n"]
        for (a, p, _), c in fy.items()
        if a is NATIONAL
    } == {"2023-24": 8}
    fy = with_national(count_rows("cases_charged", ALL, wide, grain=periods.FINANCIAL_YEAR))
    assert {
        periods.label(p, periods.FINANCIAL_YEAR): c["n"]
        for (a, p, _), c in fy.items()
        if a is NATIONAL
    } == {"2023-24": 3, "2024-25": 2}
    q = with_national(count_rows("cases_charged", ALL, wide, grain=periods.QUARTER))
    assert {p % 4 + 1: c["n"] for (a, p, _), c in q.items() if a is NATIONAL} == {1: 3, 2: 2}


def test_counting_by_principal_offence_and_filters(cases):
    by_offence = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31), basis=OFFENCE)
    assert totals("police_referrals", by_offence)[(NATIONAL, None)] == 3
    assert totals("police_referrals")[(NATIONAL, None)] == 7
    sexual = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31), exploitation_type="SEXUAL")
    assert totals("police_referrals", sexual) == {
        (area_id("WEST-MIDLANDS"), None): 1,
        (NATIONAL, None): 1,
    }
    wm = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31), area="WEST-MIDLANDS")
    assert totals("police_referrals", wm)[(NATIONAL, None)] == 3
    s1 = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31), offence="MSA-S1")
    assert totals("convictions", s1) == {}
    assert totals("prosecutions_finalised", s1)[(NATIONAL, None)] == 1


def test_victim_measures(cases):
    from msht.victims.models import (
        EngagementEvent,
        InterpreterBooking,
        SpecialMeasureApplication,
        Victim,
    )

    victim = Victim.objects.create(case=cases[0], number=1)
    other = Victim.objects.create(case=cases[4], number=1)
    for measure, status, decided in [
        ("screens", "granted", date(2024, 3, 1)),
        ("live_link", "granted", date(2024, 3, 2)),
        ("screens", "refused", date(2024, 3, 3)),
        ("screens", "granted", date(2023, 3, 3)),
    ]:
        SpecialMeasureApplication.objects.create(
            victim=victim,
            measure=measure,
            status=status,
            applied_on=date(2023, 1, 1),
            decided_on=decided,
        )
    for kind, outcome in [
        ("interpreter", "late"),
        ("interpreter", "provided"),
        ("intermediary", "not_provided"),
    ]:
        InterpreterBooking.objects.create(
            victim=other,
            kind=kind,
            purpose="trial",
            requested_on=date(2024, 1, 1),
            needed_by=date(2024, 5, 1),
            outcome=outcome,
        )
    EngagementEvent.objects.create(
        victim=victim, status="withdrawn", occurred_on=date(2024, 2, 1), reason="fear"
    )
    EngagementEvent.objects.create(victim=other, status="withdrawn", occurred_on=date(2024, 2, 1))
    EngagementEvent.objects.create(victim=other, status="engaged", occurred_on=date(2024, 1, 1))

    def national(measure):
        return {c: n for (area, c), n in totals(measure).items() if area is NATIONAL}

    assert national("special_measures_granted") == {"screens": 1, "live_link": 1}
    assert national("support_delays") == {"interpreter": 1, "intermediary": 1}
    assert national("victim_withdrawals") == {"fear": 1, "NOT-RECORDED": 1}
