"""The hub in Chromium: a prosecutor searches, an editor publishes a lesson from feedback; axe
finds no WCAG 2.2 AA violations on the hub's pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from msht.accounts.roles import Role
from msht.hub import services
from msht.hub.models import FeedbackItem, FeedbackStatus, Item, Status
from msht.reference.models import Area
from tests.browser_support import assert_accessible, browser_sign_in
from tests.factories import UserFactory

from .factories import make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_prosecutor_searches_and_sees_highlighted_ranked_results(live_server, page):
    best = make_item(
        title="Pre-recorded cross-examination for a trafficked witness",
        body="An early section 28 application.",
        tags={"legal_issues": ["SPECIAL-MEASURES"], "msa_sections": ["S46"]},
    )
    make_item(
        title="Domestic servitude conviction",
        body="Pre-recorded cross-examination was refused; hearsay was admitted.",
        tags={"legal_issues": ["SPECIAL-MEASURES"]},
    )
    make_item(title="The section 45 defence", body="Who must prove what.")
    prosecutor = UserFactory(role=Role.PROSECUTOR)
    browser_sign_in(page, live_server, prosecutor)

    page.get_by_role("link", name="Casework hub").first.click()
    expect(page.get_by_role("heading", name="Casework hub", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Search the hub").fill("pre-recorded cross-examination")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name=re.compile("2 results for"))).to_be_visible()
    results = page.locator(".msht-hub-result")
    assert results.count() == 2
    assert results.first.get_by_role("link").inner_text() == best.title
    assert page.locator("mark.msht-mark").count() >= 4
    assert_accessible(page)

    page.get_by_label("Legal issue").select_option("SPECIAL-MEASURES")
    page.get_by_label("MSA section").select_option("S46")
    page.get_by_role("button", name="Search").click()
    assert page.locator(".msht-hub-result").count() == 1

    page.get_by_role("link", name=re.compile("Pre-recorded cross-examination for")).click()
    expect(page.get_by_role("heading", name=best.title, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Related items")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="What's new").click()
    expect(page.get_by_role("heading", name="What's new")).to_be_visible()
    assert_accessible(page)


def test_editor_takes_cps_direct_feedback_to_a_published_lesson(live_server, page):
    raiser = UserFactory(role=Role.PROSECUTOR)
    cpsd = UserFactory(role=Role.CPS_DIRECT, area=Area.objects.get(code="CPS-DIRECT"))
    feedback = services.feedback_raise(
        actor=raiser,
        subject="Overnight charge of a runner",
        body="The NRM referral was not in the file.",
    )
    services.feedback_answer(
        actor=cpsd, feedback=feedback, answer="We will ask for the indicators screen every time."
    )
    make_item(title="Old guidance due for review")
    Item.objects.update(review_by=timezone.localdate() + timedelta(days=5))
    editor = UserFactory(role=Role.HUB_EDITOR)
    browser_sign_in(page, live_server, editor)

    page.goto(f"{live_server.url}/hub/feedback/")
    assert_accessible(page)
    page.get_by_role("link", name="Overnight charge of a runner").click()
    expect(page.get_by_text("We will ask for the indicators screen every time.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Draft a lesson from this feedback").click()

    expect(page.get_by_role("heading", name="Edit item")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("Out-of-hours charging: ask for the trafficking screen")
    page.get_by_label("Section 45 defence and non-prosecution of victims").check()
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("In review").first).to_be_visible()

    page.get_by_role("link", name="Publish").click()
    page.get_by_role("button", name="Publish").click()  # no date: the error summary
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    review_by = timezone.localdate() + timedelta(days=365)
    page.get_by_label("Day").fill(str(review_by.day))
    page.get_by_label("Month").fill(str(review_by.month))
    page.get_by_label("Year").fill(str(review_by.year))
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Item published.")).to_be_visible()

    lesson = Item.objects.get(source_feedback=feedback)
    assert lesson.status == Status.PUBLISHED and lesson.review_by == review_by
    assert FeedbackItem.objects.get(pk=feedback.pk).status == FeedbackStatus.LESSON_PUBLISHED

    page.goto(f"{live_server.url}/hub/review/")
    expect(page.get_by_role("link", name="Old guidance due for review")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/hub/items/new/")
    assert_accessible(page)
