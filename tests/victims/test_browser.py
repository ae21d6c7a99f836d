"""A new user records a victim's journey and sees the Area's needs-attention list change."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.victims.models import InterpreterBooking, SpecialMeasureApplication, Victim
from tests.browser_support import assert_accessible, browser_sign_in
from tests.cases.factories import make_case
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, name: str, value) -> None:
    page.locator(f'[name="{name}-day"]').fill(str(value.day))
    page.locator(f'[name="{name}-month"]').fill(str(value.month))
    page.locator(f'[name="{name}-year"]').fill(str(value.year))


def attention_rows(page, live_server, kind: str) -> int:
    page.goto(f"{live_server.url}/victims/")
    return page.locator(f'table[data-attention="{kind}"] tbody tr').count()


def test_victim_journey(live_server, page):
    today = timezone.localdate()
    user = UserFactory(role=Role.PROSECUTOR, full_name="Priya Shah")
    case = make_case(area_code="LONDON-NORTH", operation_name="Lantern")
    tab = f"{live_server.url}/victims/case/{case.pk}/"
    browser_sign_in(page, live_server, user)

    # The needs-attention list starts empty; it is in the service navigation.
    page.get_by_role("link", name="Victims needing attention").first.click()
    expect(page.get_by_role("heading", name="Victims needing attention")).to_be_visible()
    expect(page.get_by_text("0 items need attention")).to_be_visible()
    assert_accessible(page)

    # Add a victim, with identity.
    page.goto(tab)
    assert_accessible(page)
    page.get_by_role("link", name="Add a victim or witness").click()
    page.get_by_role("button", name="Add").click()  # nothing chosen: an error summary
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Victim and witness").check()
    page.get_by_label("Age band").select_option("25_34")
    page.get_by_label("Gender").select_option("female")
    page.get_by_label("Nationality").select_option("ALB")
    page.get_by_label("Full name (optional)").fill("Ardita Demo-Krasniqi")
    fill_date(page, "date_of_birth", today.replace(year=today.year - 30, day=1))
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", name="V1: adult, female, Albania")).to_be_visible()
    assert "Ardita" not in page.content()
    victim = Victim.objects.get(case=case)

    # NRM decisions.
    page.get_by_role("link", name="Record NRM for V1").click()
    assert_accessible(page)
    page.get_by_label("Yes").check()
    fill_date(page, "referral_date", today - timedelta(days=120))
    page.get_by_label("First responder type").select_option("police")
    page.get_by_label("Reasonable grounds decision", exact=True).select_option("positive")
    fill_date(page, "rg_decision_date", today - timedelta(days=115))
    page.get_by_label("Conclusive grounds decision", exact=True).select_option("positive")
    fill_date(page, "cg_decision_date", today - timedelta(days=10))
    page.get_by_label("Sexual exploitation").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Positive conclusive grounds decision")).to_be_visible()

    # Trial date, then a special measures application: it needs attention until decided.
    page.get_by_role("link", name="record the trial date for V1").click()
    fill_date(page, "trial_date", today + timedelta(days=60))
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Apply for a special measure for V1").click()
    assert_accessible(page)
    page.get_by_label("Pre-recorded cross-examination (s28)").check()
    fill_date(page, "applied_on", today - timedelta(days=3))
    page.get_by_role("button", name="Save").click()
    assert attention_rows(page, live_server, "special_measures") == 1
    assert_accessible(page)

    page.goto(tab)
    page.get_by_role(
        "link", name="Record decision on Pre-recorded cross-examination (s28) for V1"
    ).click()
    page.get_by_label("Granted").check()
    fill_date(page, "decided_on", today - timedelta(days=5))  # before the application
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("alert").get_by_text("cannot come before the application")
    ).to_be_visible()
    assert_accessible(page)
    fill_date(page, "decided_on", today)
    page.get_by_role("button", name="Save").click()
    assert SpecialMeasureApplication.objects.get().status == "granted"
    assert attention_rows(page, live_server, "special_measures") == 0

    # An interpreter not yet booked needs attention; booking clears it.
    page.goto(tab)
    page.get_by_role("link", name="Request an interpreter or intermediary for V1").click()
    page.get_by_label("Interpreter", exact=True).check()
    page.get_by_label("Language").select_option("sqi")
    page.get_by_label("Needed for").select_option("trial")
    fill_date(page, "requested_on", today)
    fill_date(page, "needed_by", today + timedelta(days=7))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Not booked")).to_be_visible()
    assert attention_rows(page, live_server, "interpreter") == 1
    page.locator('table[data-attention="interpreter"] a').first.click()
    assert page.url.startswith(tab)
    page.get_by_role("link", name=re.compile("Record booking of the Albanian interpreter")).click()
    fill_date(page, "booked_on", today)
    page.get_by_role("button", name="Save").click()
    assert InterpreterBooking.objects.get().booked_on == today
    assert attention_rows(page, live_server, "interpreter") == 0

    # Withdrawal with its reason: engagement at risk.
    page.goto(tab)
    page.get_by_role("link", name="Record engagement for V1").click()
    page.get_by_label("Withdrawn").check()
    fill_date(page, "occurred_on", today)
    page.get_by_label("Reason").select_option("fear")
    page.get_by_label("Support organisation involved").select_option("msvcc")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Withdrawn", exact=True)).to_be_visible()
    assert attention_rows(page, live_server, "engagement") == 1
    expect(page.get_by_text("1 item needs attention")).to_be_visible()
    page.screenshot(path="/tmp/victims_attention.png", full_page=True)
    assert_accessible(page)

    page.goto(tab)
    page.screenshot(path="/tmp/victims_tab.png", full_page=True)

    # Reveal the identity, with a reason that goes into the audit trail.
    page.goto(tab)
    page.get_by_role("link", name="Reveal identity for V1").click()
    assert_accessible(page)
    page.get_by_label("Why do you need to see this person's identity?").fill(
        "Confirming the witness's details for the trial"
    )
    page.get_by_role("button", name="Reveal identity").click()
    expect(page.get_by_text("Ardita Demo-Krasniqi")).to_be_visible()
    page.screenshot(path="/tmp/victims_reveal.png", full_page=True)
    assert_accessible(page)
    event = AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="victim_identity"
    ).get()
    assert event.reason == "Confirming the witness's details for the trial"
    assert event.object_id == str(victim.pk)
