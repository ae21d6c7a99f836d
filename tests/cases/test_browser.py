"""Happy path in a real browser: register a case, referral, charge, conviction; find it again.

Every page visited passes axe-core's WCAG 2.2 AA rules.
"""

import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from msht.cases.criteria import load_default_rules
from msht.cases.models import Case
from tests.browser_support import assert_accessible, browser_sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=re.compile(legend))
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_register_refer_charge_convict(live_server, page):
    load_default_rules(apps)  # the flush between live-server tests empties the rules
    user = UserFactory(role="prosecutor", full_name="Sam Okoro")
    browser_sign_in(page, live_server, user)

    page.get_by_role("link", name="Cases", exact=True).first.click()
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Register a case").click()
    assert_accessible(page)

    # Bad input first: the error summary names the problem.
    page.get_by_label("URN").fill("01 ye 123")
    page.get_by_role("button", name="Register case").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("URN").fill("01 ye 01234/24")
    page.get_by_label("Operation name").fill("Lantern")
    page.get_by_label("Sexual exploitation").check()
    page.get_by_label("Number of victims").fill("2")
    page.get_by_label("Number of suspects").fill("1")
    page.get_by_role("button", name="Register case").click()
    expect(page.get_by_role("heading", name=re.compile("Case 01 YE 01234 24"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record the police referral").click()
    _date(page, "Police referral date", 3, 3, 2024)
    page.get_by_role("button", name="Save").click()
    assert_accessible(page)

    page.get_by_role("link", name="Record the charging decision").click()
    page.get_by_label("Charge", exact=True).check()
    _date(page, "Date of the charging decision", 1, 3, 2024)
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text(
            "Date of charge must be on or after the police referral date (3 March 2024)"
        ).first
    ).to_be_visible()
    assert_accessible(page)
    _date(page, "Date of the charging decision", 2, 4, 2024)
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Record the first hearing").click()
    _date(page, "Date of first hearing", 16, 4, 2024)
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Record the outcome").click()
    _date(page, "Date of finalisation", 20, 9, 2024)
    page.get_by_label("Conviction after trial").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Conviction after trial, 20 September 2024")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Allocation").click()
    expect(
        page.get_by_text("Sexual exploitation: rape and serious sexual offences unit.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("heading", name="Finalised", exact=True)).to_be_visible()
    assert_accessible(page)

    # Find it again through the filters.
    page.get_by_role("link", name="Cases", exact=True).first.click()
    page.get_by_label("URN or operation name").fill("Lantern")
    page.get_by_label("Status").select_option("finalised")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name="01 YE 01234 24")).to_be_visible()
    assert_accessible(page)
    case = Case.objects.get(urn="01YE0123424")
    assert case.status == "finalised" and case.outcome.code == "CONVICTED-AFTER-TRIAL"
