"""The early advice journey in a real browser: police request, unit head accepts and allocates,
the prosecutor records advice, police read it. Every page passes axe (WCAG 2.2 AA)."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from playwright.sync_api import expect

from msht.accounts.roles import Role
from msht.cases.criteria import load_default_rules
from msht.reference.dates import today
from msht.reference.models import PoliceForce
from tests.browser_support import assert_accessible, browser_sign_in
from tests.factories import UserFactory, area

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(page, legend: str, when) -> None:
    group = page.get_by_role("group", name=re.compile(legend))
    group.get_by_label("Day").fill(str(when.day))
    group.get_by_label("Month").fill(str(when.month))
    group.get_by_label("Year").fill(str(when.year))


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_request_triage_advice_and_police_sight(live_server, page):
    load_default_rules(apps)  # the flush between live-server tests empties the rules
    police = UserFactory(role=Role.POLICE_PARTNER, police_force=PoliceForce.objects.get(code="01"))
    head = UserFactory(role=Role.UNIT_HEAD, area=area("LONDON-NORTH"), full_name="Grace Okafor")
    lawyer = UserFactory(role=Role.PROSECUTOR, area=area("LONDON-NORTH"), full_name="Priya Shah")

    browser_sign_in(page, live_server, police)
    page.get_by_role("link", name="Early advice").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Request early advice").first.click()
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the operation name")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Operation name").fill("Lantern")
    page.get_by_label("Officer in the case").fill("DS Ben Clarke")
    page.get_by_label("Officer's contact details").fill("ben.clarke@police.example")
    page.get_by_label("Summary of the allegation").fill("Nail bar workers; wages withheld.")
    page.get_by_label("Labour exploitation").check()
    page.get_by_label("Number of suspects").fill("1")
    page.get_by_label("Number of potential victims").fill("4")
    page.get_by_label("Advice sought").fill("Is there evidence of control?")
    page.get_by_label("Urgent", exact=True).check()
    _date(page, "Date you need the advice by", today() + timedelta(days=10))
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name=re.compile("Operation Lantern"))).to_be_visible()
    expect(page.get_by_text("Waiting for triage")).to_be_visible()
    assert_accessible(page)
    detail_url = page.url
    _sign_out(page)

    browser_sign_in(page, live_server, head)
    page.goto(detail_url)
    expect(page.get_by_text("The casework referral criteria recommend")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Accept and allocate").click()
    assert_accessible(page)
    page.get_by_label("Prosecutor").select_option(label="Priya Shah")
    page.get_by_role("button", name="Accept and allocate").click()
    expect(page.get_by_text("Accepted and allocated").first).to_be_visible()
    _sign_out(page)

    browser_sign_in(page, live_server, lawyer)
    page.goto(detail_url)
    page.get_by_role("link", name="Record the advice given").click()
    assert_accessible(page)
    _date(page, "Date the advice was given", today())
    page.get_by_label("Summary of the advice").fill("Obtain the payroll records first.")
    page.get_by_label("Action plan item 1", exact=True).fill("Payroll records")
    _date(page, "Date action plan item 1 is due", today() + timedelta(days=7))
    page.get_by_role("button", name="Record the advice").click()
    expect(page.get_by_text("Advice given").first).to_be_visible()
    assert_accessible(page)
    _sign_out(page)

    # A colleague of the same force (a second sign-in of one user within one 30-second TOTP
    # step would reuse its code, which the service rightly refuses).
    colleague = UserFactory(
        role=Role.POLICE_PARTNER, police_force=PoliceForce.objects.get(code="01")
    )
    browser_sign_in(page, live_server, colleague)
    page.goto(detail_url)
    expect(page.get_by_text("Obtain the payroll records first.")).to_be_visible()
    expect(page.get_by_text("Payroll records", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Joint packs").click()
    assert_accessible(page)


def test_keys_and_joint_pack_pages_are_accessible(live_server, page):
    from datetime import date

    from msht.advice import services
    from msht.advice.tasks import build_joint_pack

    admin = UserFactory(role=Role.SYSTEM_ADMIN)
    browser_sign_in(page, live_server, admin)
    page.get_by_role("link", name="Partner API keys").click()
    page.get_by_role("button", name="Create key").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Police force").select_option(label="Metropolitan Police Service")
    page.get_by_label("Name of the key").fill("Niche RMS")
    _date(page, "Date the key expires", today() + timedelta(days=90))
    page.get_by_role("button", name="Create key").click()
    expect(page.get_by_text("Key created")).to_be_visible()
    assert page.locator("#new-key").inner_text().startswith("msht_")
    assert_accessible(page)
    _sign_out(page)

    head = UserFactory(role=Role.UNIT_HEAD, area=area("LONDON-NORTH"))
    pack = services.joint_pack_request(
        actor=head, police_force=PoliceForce.objects.get(code="01"), month=date(2024, 5, 1)
    )
    build_joint_pack.call(pack.pk)
    browser_sign_in(page, live_server, head)
    page.goto(f"{live_server.url}/advice/joint/")
    assert_accessible(page)
    page.get_by_role("link", name="Metropolitan Police Service").click()
    expect(page.get_by_role("button", name=re.compile("Reviewed: share"))).to_be_visible()
    assert_accessible(page)
