"""In a real browser: a unit head draws a sample, a reviewer completes an assessment, the unit
head signs it off and the dashboard shows it. Every page passes axe (WCAG 2.2 AA)."""

import re

import pytest
from playwright.sync_api import expect

from msht.quality.loader import load_quality_catalogue
from msht.quality.models import Assessment, AssessmentStatus
from tests.browser_support import assert_accessible, browser_sign_in

from .factories import allocated_case, reviewer, soon, unit_head

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser):
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def fill_date(page, field: str, value) -> None:
    page.fill(f"#id_{field}-day", str(value.day))
    page.fill(f"#id_{field}-month", str(value.month))
    page.fill(f"#id_{field}-year", str(value.year))


def test_sample_review_sign_off_dashboard(live_server, browser):
    load_quality_catalogue()  # flushed by earlier transactional tests
    for _ in range(4):
        allocated_case()
    head = unit_head(full_name="Grace Okafor")
    who = reviewer(full_name="Mark Lewis")
    head_context, head_page = new_page(browser)
    reviewer_context, reviewer_page = new_page(browser)
    try:
        # The unit head draws a sample; bad input first.
        browser_sign_in(head_page, live_server, head)
        head_page.get_by_role("link", name="Quality", exact=True).click()
        assert_accessible(head_page)
        head_page.get_by_role("link", name="Draw a dip sample").click()
        head_page.get_by_role("button", name="Draw the sample").click()
        expect(head_page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
        assert_accessible(head_page)
        fill_date(head_page, "period_start", soon(-3650))
        fill_date(head_page, "period_end", soon(0))
        head_page.get_by_label("A number of cases").check()
        head_page.get_by_label("Number of cases", exact=True).fill("9")
        head_page.get_by_label("Kind of review").select_option(
            label="Individual quality assessment (MSHT)"
        )
        head_page.get_by_label("Mark Lewis (Quality reviewer)").check()
        fill_date(head_page, "due_date", soon(14))
        head_page.get_by_role("button", name="Draw the sample").click()
        expect(head_page.get_by_text("cannot be larger than the population").first).to_be_visible()
        head_page.get_by_label("Number of cases", exact=True).fill("2")
        head_page.get_by_label("Seed (optional)").fill("7")
        head_page.get_by_role("button", name="Draw the sample").click()
        head_page.wait_for_url(re.compile(r".*/quality/samples/\d+/"))
        expect(head_page.get_by_text("Sample drawn: 2 cases assigned")).to_be_visible()
        assert_accessible(head_page)

        # The reviewer completes an assessment.
        assessment = Assessment.objects.filter(reviewer=who).order_by("id").first()
        browser_sign_in(reviewer_page, live_server, who)
        reviewer_page.goto(f"{live_server.url}/quality/")
        reviewer_page.get_by_role("link", name=re.compile(assessment.case.urn_display)).click()
        assert_accessible(reviewer_page)
        radios = reviewer_page.locator("input[type=radio][value=fully_met]")
        for index in range(radios.count()):
            radios.nth(index).check()
        reviewer_page.locator("input[type=radio][value=not_met]").first.check()
        reviewer_page.get_by_label("Comment on IQA-1.1 (optional)").fill("Advice was late")
        reviewer_page.get_by_role("button", name="Save and complete the assessment").click()
        expect(
            reviewer_page.get_by_text("Assessment completed and sent for sign-off")
        ).to_be_visible()
        reviewer_page.get_by_label("Finding", exact=True).fill("Early advice was not timely")
        reviewer_page.get_by_label("Early investigative advice").check()
        reviewer_page.get_by_role("button", name="Add finding").click()
        expect(reviewer_page.get_by_text("Finding added")).to_be_visible()
        assert_accessible(reviewer_page)

        # The unit head signs off; the dashboard and training needs show it.
        head_page.goto(f"{live_server.url}/quality/assessments/{assessment.pk}/")
        head_page.get_by_label("Sign-off comment (optional)").fill("Agreed")
        head_page.get_by_role("button", name="Sign off the assessment").click()
        expect(head_page.get_by_text("Assessment signed off")).to_be_visible()
        assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.SIGNED_OFF
        head_page.get_by_role("link", name="Quality", exact=True).click()
        head_page.get_by_role("link", name="Compliance", exact=True).click()
        expect(head_page.get_by_text("across 1 completed assessment")).to_be_visible()
        expect(head_page.get_by_role("img", name=re.compile("Compliance by Area"))).to_be_visible()
        assert_accessible(head_page)
        head_page.get_by_role("link", name="Training needs").click()
        row = head_page.get_by_role("row", name=re.compile("Early investigative advice")).first
        expect(row).to_be_visible()
        assert_accessible(head_page)
    finally:
        head_context.close()
        reviewer_context.close()
