"""In a real browser: the training administrator reads compliance, drills down to the people
behind an overdue figure, records a completion (bad input first) and sees the figure fall; a
prosecutor sees what is due on their home page. Every page passes axe (WCAG 2.2 AA), and the
same journey works with JavaScript turned off."""

from datetime import date

import pytest
from playwright.sync_api import expect

from msht.accounts.roles import Role
from msht.training.loader import load_training_catalogue
from tests.browser_support import assert_accessible, browser_sign_in

from .factories import admin, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser, *, javascript=True):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.mark.parametrize("javascript", [True, False])
def test_training_administrator_journey(live_server, browser, javascript):
    load_training_catalogue()  # flushed by earlier transactional tests
    boss = admin(full_name="Owen Price")
    late = person(full_name="Olive Overdue", email="olive@example.test", since=date(2020, 1, 1))
    context, page = new_page(browser, javascript=javascript)

    def check(page):  # axe is itself JavaScript: it runs in the journey with JavaScript on
        if javascript:
            assert_accessible(page)

    try:
        browser_sign_in(page, live_server, boss)
        page.get_by_role("link", name="Training", exact=True).click()
        expect(page.get_by_role("heading", name="Training compliance")).to_be_visible()
        check(page)
        page.get_by_role("link", name="overdue, London North").first.click()
        expect(page.get_by_role("link", name="Olive Overdue").first).to_be_visible()
        check(page)
        page.get_by_role("link", name="Olive Overdue").first.click()
        expect(page.get_by_role("heading", name="Olive Overdue: training")).to_be_visible()
        check(page)

        page.get_by_role("link", name="Completions", exact=True).click()
        page.get_by_role("link", name="Record a completion").click()
        page.get_by_role("button", name="Record the completion").click()
        expect(page.get_by_text("There is a problem")).to_be_visible()
        check(page)
        page.get_by_label("Email address of the person").fill("olive@example.test")
        page.get_by_label("Course").select_option(
            label="Modern slavery and human trafficking awareness"
        )
        page.fill("#id_completed_on-day", "3")
        page.fill("#id_completed_on-month", "3")
        page.fill("#id_completed_on-year", str(date.today().year))
        page.get_by_role("button", name="Record the completion").click()
        expect(page.get_by_text("recorded for Olive Overdue")).to_be_visible()
        check(page)

        for link in ("Courses", "Requirements"):
            page.get_by_role("link", name=link, exact=True).click()
            check(page)
        page.get_by_role("link", name="Add a requirement").click()
        check(page)
    finally:
        context.close()
    assert late.training_completions.count() == 1


def test_a_prosecutor_sees_what_is_due_on_their_home_page(live_server, browser):
    load_training_catalogue()
    who = person(Role.PROSECUTOR, full_name="Priya Shah", since=date(2020, 1, 1))
    context, page = new_page(browser)
    try:
        browser_sign_in(page, live_server, who)
        expect(page.get_by_role("heading", name="Your training")).to_be_visible()
        expect(page.get_by_text("Overdue since").first).to_be_visible()
        page.get_by_role("link", name="All your training").click()
        expect(page.get_by_role("heading", name="My training")).to_be_visible()
        assert_accessible(page)
    finally:
        context.close()
