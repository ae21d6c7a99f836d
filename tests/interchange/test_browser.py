"""The upload page in a real browser: a file with one bad row gets its row-level report and
saves nothing; the corrected file imports. Every page passes axe-core's WCAG 2.2 AA rules.

The import runs as a background task (`msht db_worker` in production); here the test runs the
worker's step itself, as tests/interchange/test_views.py does.
"""

import re

import pytest
from playwright.sync_api import expect

from msht.cases.models import Case
from msht.interchange.models import ImportBatch
from msht.interchange.tasks import run_import_batch
from tests.browser_support import assert_accessible, browser_sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = (
    "URN,Area,Police force,Operation name,Exploitation types,International element,"
    "Organised crime group,Joint investigation team,Child victim,County lines,"
    "Number of victims,Number of suspects,Police referral date\n"
)
GOOD = "01YE0000124,,01,Operation Kestrel,LABOUR,no,no,,,,3,2,2024-03-27\n"
BAD = "01YE0000224,,01,Operation Wren,LABOUR,no,no,,,,lots,1,2024-03-27\n"


def _upload(page, live_server, path):
    page.goto(f"{live_server.url}/data/import/")
    assert_accessible(page)
    page.get_by_label("What the file holds").select_option("cases")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_label("All or nothing").check()
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/data/imports/"))
    batch = ImportBatch.objects.order_by("-created_at").first()
    assert batch.status == ImportBatch.Status.QUEUED
    run_import_batch.call(batch.pk)  # the worker's step
    page.reload()
    return batch


def test_upload_bad_row_report_then_good_file(live_server, page, tmp_path):
    user = UserFactory(role="unit_head")  # London North: may import cases of its Area
    browser_sign_in(page, live_server, user)

    bad = tmp_path / "cases-with-a-bad-row.csv"
    bad.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    _upload(page, live_server, bad)
    expect(page.get_by_text("Not imported").first).to_be_visible()
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    problems = page.get_by_role("table")
    expect(problems.get_by_role("cell", name="3", exact=True)).to_be_visible()
    expect(problems.get_by_role("cell", name="Number of victims", exact=True)).to_be_visible()
    expect(problems.get_by_text("must be a whole number")).to_be_visible()
    expect(page.get_by_role("link", name="Download the full report (CSV)")).to_be_visible()
    assert_accessible(page)
    assert Case.objects.count() == 0

    good = tmp_path / "cases.csv"
    good.write_text(HEADER + GOOD + BAD.replace("lots", "1"), encoding="utf-8")
    _upload(page, live_server, good)
    expect(page.get_by_text("Imported", exact=True).first).to_be_visible()
    assert page.get_by_role("table").count() == 0
    assert_accessible(page)
    assert sorted(Case.objects.values_list("urn", flat=True)) == ["01YE0000124", "01YE0000224"]
