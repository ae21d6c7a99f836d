"""The international team in Chromium: finds a deployment's results against target and its
value for money, downloads the quarterly report as XLSX, records an MLA request on a case and
sees its delay on the dashboard; axe finds no WCAG 2.2 AA violations on the pages."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from msht.accounts.roles import Role
from msht.reference.dates import today, working_days_between
from tests.browser_support import assert_accessible, browser_sign_in
from tests.cases.factories import make_case
from tests.factories import UserFactory

from .factories import hand_counted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_international_team_journey(live_server, page):
    user = UserFactory(role=Role.INTERNATIONAL)
    deployment = hand_counted(user)
    case = make_case(area_code="LONDON-NORTH", international=True)
    browser_sign_in(page, live_server, user)

    page.get_by_role("link", name="International", exact=True).first.click()
    expect(page.get_by_role("heading", name="International work", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Deployments")).click()
    page.get_by_label("Country").select_option(deployment.country.code)
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=re.compile(re.escape(deployment.post))).click()
    expect(page.get_by_role("heading", name="Results framework")).to_be_visible()
    row = page.locator('tr[data-vfm="2023-24"]')
    expect(row).to_contain_text("£150,000.00")
    expect(row).to_contain_text("£3,000.00")
    expect(page.locator('tr[data-vfm="2024-25"]')).to_contain_text("not available")
    expect(page.get_by_text("Partly met").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/international/report/?quarter=2025-26+Q1")
    expect(
        page.get_by_role("heading", name="Quarterly international report", level=1)
    ).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("spreadsheet")).click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.goto(f"{live_server.url}/international/mla/new")
    sent = today() - timedelta(days=30)
    page.get_by_label("Case URNs").fill(case.urn_display)
    page.get_by_label("Outgoing (we ask)").check()
    page.get_by_label("Country").select_option("NLD")
    sent_group = page.get_by_role("group", name="Date sent")
    sent_group.get_by_label("Day").fill(str(sent.day))
    sent_group.get_by_label("Month").fill(str(sent.month))
    sent_group.get_by_label("Year").fill(str(sent.year))
    page.get_by_label("What is asked").fill("Bank records and two witness statements")
    page.get_by_label("Status").select_option("sent")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text(f"{working_days_between(sent, today())} working days so far")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="International work").first.click()
    row = page.locator("tr", has_text="Outgoing request, Netherlands")
    expect(row.locator("[data-delay]")).to_have_text(str(working_days_between(sent, today())))


def test_bad_input_shows_the_error_summary(live_server, page):
    user = UserFactory(role=Role.INTERNATIONAL)
    hand_counted(user)
    browser_sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/international/mla/new")
    page.get_by_label("Case URNs").fill("01YE9999924")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Select the country")).to_be_visible()
    assert_accessible(page)


def test_other_pages_are_accessible(live_server, page):
    from msht.international import casework_services
    from msht.reference.models import Nationality

    user = UserFactory(role=Role.INTERNATIONAL)
    deployment = hand_counted(user)
    case = make_case(area_code="LONDON-NORTH", international=True)
    jit = casework_services.jit_record(
        actor=user,
        case_urns=[case.urn],
        name="Operation Tide JIT",
        partner_countries=list(Nationality.objects.filter(code="ROU")),
        agency="NCA",
        eurojust_funding=None,
        started_on=today() - timedelta(days=90),
    )
    browser_sign_in(page, live_server, user)
    for path in (
        "/international/deployments/",
        "/international/casework/",
        f"/international/jit/{jit.pk}/",
        "/international/definitions",
        f"/international/deployments/{deployment.pk}/edit",
        f"/international/deployments/{deployment.pk}/costs",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server.url}/international/report/?quarter=2025-26+Q1")
    page.get_by_role("button", name="Freeze this report for publication").click()
    page.get_by_role("link", name="Rebuild now and compare").click()
    expect(page.get_by_text("every figure is identical to the frozen report")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    browser_sign_in(page, live_server, UserFactory(role=Role.PROSECUTOR))
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="International", exact=True).click()
    expect(page.get_by_role("link", name="Operation Tide JIT")).to_be_visible()
    assert_accessible(page)
