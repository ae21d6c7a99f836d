"""Early advice measures against a hand-counted fixture with England and Wales bank holidays."""

from datetime import date

import pytest

from msht.advice import services
from msht.advice.measures import eia_tables, working_days
from msht.insight import disclosure
from msht.insight.measures import Filters, Scope
from msht.reference.models import Unit
from tests.cases.factories import make_charged_case

from .factories import make_request, police_user, prosecutor, unit_head

pytestmark = pytest.mark.django_db


def _through(requested_on, triaged_on, given_on, *, actor=None, head=None, lawyer=None):
    item = make_request(actor=actor, requested_on=requested_on)
    item = services.advice_request_accept(
        actor=head, request=item, expected_version=item.version,
        unit=Unit.objects.get(code="CCU"), lawyer=lawyer, reason="test", triaged_on=triaged_on,
    )  # fmt: skip
    return services.advice_give(
        actor=lawyer, request=item, expected_version=item.version, given_on=given_on,
        summary="Advice", action_items=[],
    )  # fmt: skip


@pytest.fixture
def christmas_and_easter():
    """Hand-counted working days (Monday to Friday, bank holidays not counted):

    A: requested Fri 20 Dec 2024. Triaged Fri 27 Dec: Mon 23, Tue 24, (Wed 25 Christmas Day,
       Thu 26 Boxing Day), Fri 27 = 3. Advice Thu 2 Jan 2025: 23, 24, 27, 30, 31, (Wed 1 Jan
       New Year's Day), Thu 2 = 6.
    B: requested Thu 28 Mar 2024. Triaged Tue 2 Apr: (Fri 29 Good Friday, Mon 1 Apr Easter
       Monday), Tue 2 = 1. Advice Fri 5 Apr: 2, 3, 4, 5 = 4.
    Medians: triage (1 + 3) / 2 = 2; advice (4 + 6) / 2 = 5.
    """
    police, head, lawyer = police_user(), unit_head(), prosecutor()
    _through(date(2024, 12, 20), date(2024, 12, 27), date(2025, 1, 2), actor=police, head=head,
             lawyer=lawyer)  # fmt: skip
    _through(date(2024, 3, 28), date(2024, 4, 2), date(2024, 4, 5), actor=police, head=head,
             lawyer=lawyer)  # fmt: skip


def test_working_days_to_triage_and_advice_count_bank_holidays(christmas_and_easter):
    filters = Filters(start=date(2024, 1, 1), end=date(2025, 12, 31))
    scope = Scope(everything=True)
    assert sorted(working_days(scope, filters, "triaged_on")) == [1, 3]
    assert sorted(working_days(scope, filters, "advice_given_on")) == [4, 6]
    tables = eia_tables(scope, filters, disclosure.INTERNAL, "")
    figures = dict(tables[1].rows)
    assert figures["Median working days, request to triage"] == 2
    assert figures["Median working days, request to advice"] == 5
    assert figures["Acceptance rate (%)"] == 100.0


def test_requests_by_force_and_decline_reasons():
    make_request(force_code="20", requested_on=date(2024, 5, 1))
    declined = make_request(force_code="01", requested_on=date(2024, 5, 2))
    services.advice_request_decline(
        actor=unit_head(), request=declined, expected_version=declined.version,
        reasons={"not_msht": "", "other": "Duplicate"}, police_respond_by=date.today(),
        triaged_on=date(2024, 5, 3),
    )  # fmt: skip
    filters = Filters(start=date(2024, 5, 1), end=date(2024, 5, 31))
    requests, triage, declines = eia_tables(Scope(everything=True), filters, "internal", "")
    assert requests.rows == [
        ["Metropolitan Police Service (London North)", 1],
        ["West Midlands Police (West Midlands)", 1],
        ["Total", 2],
    ]
    assert dict(triage.rows)["Acceptance rate (%)"] == 0.0
    counts = dict(declines.rows)
    assert counts["Not modern slavery or human trafficking"] == 1 and counts["Other"] == 1
    assert counts["Total"] == 2


def test_charge_rates_with_and_without_early_advice():
    with_eia = make_charged_case(charged=date(2024, 3, 1))
    make_charged_case(charged=date(2024, 3, 1))
    from msht.cases.services import advice_record

    advice_record(actor=None, case=with_eia, requested_on=date(2024, 1, 20))
    filters = Filters(start=date(2024, 1, 1), end=date(2024, 12, 31))
    figures = dict(eia_tables(Scope(everything=True), filters, "internal", "")[1].rows)
    assert figures["Share of charged cases that had early advice (%)"] == 50.0
    assert figures["Charge rate with early advice (%)"] == 100.0
    assert figures["Charge rate without early advice (%)"] == 100.0
    assert figures["Conviction rate with early advice (%)"] == "[x]"
