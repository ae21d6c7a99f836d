"""People in Chromium: a prosecutor raises a legal enquiry, the legal adviser answers it and
turns it into a hub point of law that a hub editor publishes; a unit head records an Area
Performance Review with actions. axe finds no WCAG 2.2 AA violations on the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from msht.accounts.roles import Role
from msht.hub.models import Status
from msht.people.models import EnquiryStatus, LegalEnquiry, Meeting
from tests.browser_support import assert_accessible, browser_sign_in
from tests.factories import UserFactory

from .factories import area_post, holding, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def _date(page, when) -> None:
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))


def test_enquiry_to_published_point_of_law(live_server, page):
    prosecutor = UserFactory(role=Role.PROSECUTOR, full_name="Priya Shah")
    adviser = UserFactory(role=Role.LEGAL_ADVISER, full_name="Nadia Malik")
    editor = UserFactory(role=Role.HUB_EDITOR)

    browser_sign_in(page, live_server, prosecutor)
    page.get_by_role("link", name="Legal enquiries").first.click()
    expect(page.get_by_role("heading", name="Your legal enquiries")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ask the national legal lead").first.click()
    page.get_by_role("button", name="Send the enquiry").click()  # nothing filled in
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Topic").select_option(label="Age assessment of victims and suspects")
    page.get_by_label("Your question").fill("Who bears the burden on age in a s45 defence?")
    page.get_by_label("Urgent: an answer within 2 working days").check()
    page.get_by_role("button", name="Send the enquiry").click()
    expect(page.get_by_text("has been sent to the national legal lead")).to_be_visible()
    assert_accessible(page)
    _sign_out(page)

    browser_sign_in(page, live_server, adviser)
    expect(
        page.get_by_role("heading", name="Legal enquiries waiting for an answer")
    ).to_be_visible()
    page.get_by_role("link", name="Legal enquiries").first.click()
    expect(page.get_by_role("heading", name="Legal enquiries queue")).to_be_visible()
    assert_accessible(page)
    enquiry = LegalEnquiry.objects.get()
    page.get_by_role("link", name=enquiry.reference).click()
    page.get_by_label("Answer").fill("The prosecution must disprove it; see the guidance.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text(f"Enquiry {enquiry.reference} has been answered.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Turn the answer into a hub point of law").click()
    expect(page.get_by_text("A draft point of law has been written")).to_be_visible()
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("In review").first).to_be_visible()
    _sign_out(page)

    browser_sign_in(page, live_server, editor)
    enquiry.refresh_from_db()
    page.goto(f"{live_server.url}/hub/items/{enquiry.hub_item_id}/")
    page.get_by_role("link", name="Publish").click()
    _date(page, timezone.localdate() + timedelta(days=365))
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Item published.")).to_be_visible()

    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED
    assert enquiry.hub_item.status == Status.PUBLISHED
    assert list(enquiry.hub_item.legal_issues.values_list("code", flat=True)) == ["AGE"]


def test_unit_head_records_an_area_performance_review_with_actions(live_server, page):
    head = UserFactory(role=Role.UNIT_HEAD, full_name="Grace Okafor")
    performance = UserFactory(role=Role.PERFORMANCE_MANAGER, full_name="Aisha Rahman")
    holding(area_post(), lead=head, deputy=None)  # a gap for the home page panel
    person()

    browser_sign_in(page, live_server, head)
    expect(page.get_by_role("heading", name="Leads and deputies: gaps")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Leads", exact=True).click()
    expect(page.get_by_role("heading", name="Leads and deputies", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Governance").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Area Performance Review").check()
    _date(page, timezone.localdate() - timedelta(days=3))
    page.get_by_label("Grace Okafor (Unit head / Area MSHT lead, London North)").check()
    page.get_by_label("Aisha Rahman (Area performance manager, London North)").check()
    page.get_by_label("Decisions (optional)").fill("Review s45 records monthly.")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("has been recorded. Now add its actions.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Action", exact=True).fill("Report delays in the oldest pre-charge cases.")
    page.get_by_label("Owner").select_option(
        label="Aisha Rahman (Area performance manager, London North)"
    )
    _date(page, timezone.localdate() - timedelta(days=1))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("The action has been given to Aisha Rahman")).to_be_visible()
    expect(page.get_by_text("Overdue").first).to_be_visible()
    assert_accessible(page)
    _sign_out(page)

    browser_sign_in(page, live_server, performance)
    expect(page.get_by_role("heading", name="Your governance actions")).to_be_visible()
    page.get_by_role("link", name="See all your actions").click()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("The action is marked as done.")).to_be_visible()
    meeting = Meeting.objects.get()
    assert meeting.actions.get().completed_on == timezone.localdate()
    assert meeting.decisions.get().text == "Review s45 records monthly."
