"""A national lead opens the national dashboard, sees the funnel from NRM referrals (the real
Home Office tables) to convictions, and downloads the public spreadsheet; axe finds nothing."""

import io
import sys

import openpyxl
import pytest
from playwright.sync_api import expect

from msht.accounts.roles import Role
from msht.interchange.demo import load_demo_partner_data
from msht.interchange.selectors import nrm_referrals_by_year
from tests.browser_support import assert_accessible, browser_sign_in
from tests.factories import UserFactory

from .factories import hand_counted_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_national_lead_sees_the_funnel_and_downloads_public_figures(live_server, page):
    load_demo_partner_data(sys.stdout)
    nrm = nrm_referrals_by_year()
    assert nrm.get(2023, 0) > 10_000  # the real Home Office figures were imported
    hand_counted_set()
    lead = UserFactory(role=Role.NATIONAL_LEAD)
    browser_sign_in(page, live_server, lead)

    page.get_by_role("link", name="Performance").first.click()
    page.get_by_label("From (month)").fill("2016-01")
    page.get_by_label("To (month)").fill("2024-12")
    page.get_by_label("Show by").select_option("year")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="The joint funnel by year")).to_be_visible()
    funnel = page.locator("#funnel")
    expect(funnel.get_by_role("rowheader", name="2023")).to_be_visible()
    assert f"{nrm[2023]:,}" in funnel.inner_text()
    expect(page.get_by_role("heading", name="Why prosecutions were unsuccessful")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the national pack, public figures (XLSX)").click()
    with open(info.value.path(), "rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]

    page.get_by_role("link", name="How each figure is defined").click()
    expect(page.get_by_role("heading", name="Police referrals", exact=True)).to_be_visible()
    assert_accessible(page)
