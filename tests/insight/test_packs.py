"""Packs: built from a bounded number of queries, released per audience, written as GSS-style
spreadsheets, frozen and rebuilt with identical figures."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from msht.audit.models import AuditEvent, Operation
from msht.insight import disclosure, periods
from msht.insight.measures import ALL
from msht.insight.packs import AREA_PACK, NATIONAL_PACK, build_pack, diff_packs
from msht.insight.services import pack_freeze, pack_rebuild
from msht.insight.spreadsheet import workbook_bytes

from .factories import hand_counted_set, journey

pytestmark = pytest.mark.django_db

PERIOD = periods.MonthRange.parse("2024-05..2024-06")


def national(audience=disclosure.INTERNAL, **kwargs):
    return build_pack(
        kind=NATIONAL_PACK,
        period=PERIOD,
        scope=ALL,
        audience=audience,
        history_months=12,
        **kwargs,
    )


def table(pack, measure_id):
    return next(t for t in pack.tables if t.measure_id == measure_id)


def test_national_pack_figures_match_the_hand_count():
    hand_counted_set()
    pack = national()
    referrals = table(pack, "police_referrals")
    assert referrals.columns[-1] == "England and Wales"
    rows = {row[0]: row for row in referrals.rows}
    ln = referrals.columns.index("London North") + 1
    wm = referrals.columns.index("West Midlands") + 1
    assert rows["January 2024"][ln] == 2 and rows["January 2024"][wm] == 1
    assert rows["January 2024"][-1] == 3
    assert rows["Total"][-1] == 8  # July 2023 to June 2024: seven in 2024, one December 2023
    reasons = table(pack, "unsuccessful_reasons")  # May and June 2024: one acquittal
    assert {row[0]: row[-1] for row in reasons.rows} == {"Victim retraction": 1, "Total": 1}
    funnel = table(pack, "nrm_referrals")
    by_year = {row[0]: row for row in funnel.rows}
    assert by_year["2024"][2] == 7  # [year, NRM, police referrals by flag, ...]
    assert by_year["2023"][2] == 1
    assert by_year["2024"][1] == disclosure.NOT_AVAILABLE  # no NRM figures imported here


def test_area_pack_covers_one_area():
    hand_counted_set()
    pack = build_pack(
        kind=AREA_PACK,
        period=periods.MonthRange.parse("2024-03"),
        scope=ALL,
        area_code="WEST-MIDLANDS",
    )
    referrals = table(pack, "police_referrals")
    assert referrals.columns == ["West Midlands", "England and Wales"]
    assert {row[0]: row[1] for row in referrals.rows}["Total"] == 3
    assert not any(t.measure_id == "nrm_referrals" for t in pack.tables)


def test_public_pack_suppresses_small_numbers():
    hand_counted_set()
    pack = national(disclosure.PUBLIC)
    values = [v for t in pack.tables if t.kind == "count" for row in t.rows for v in row[1:]]
    assert disclosure.SUPPRESSED in values
    assert not any(isinstance(v, int) and 1 <= v <= 4 for v in values)
    assert all(v % 5 == 0 for v in values if isinstance(v, int))


def test_query_count_does_not_grow_with_the_data(django_assert_max_num_queries):
    hand_counted_set()
    with CaptureQueriesContext(connection) as small:
        national()
    for month in range(1, 6):
        journey(
            area="YORKSHIRE-HUMBERSIDE",
            referred=date(2024, month, 3),
            decision="charge",
            decided=date(2024, month, 20),
            defendants=2,
            finalised=date(2024, 6, 25),
            outcome="GUILTY-PLEA",
        )
    with CaptureQueriesContext(connection) as large:
        national()
    assert len(large.captured_queries) == len(small.captured_queries)
    # 45 for the register's tables, 3 for training, 11 for early advice and the funnel's partners.
    with django_assert_max_num_queries(59):
        national()


def test_spreadsheet_follows_the_gss_layout():
    hand_counted_set()
    pack = national(disclosure.PUBLIC)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(pack)))
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    assert book.sheetnames[3:] == [t.id for t in pack.tables]
    sheet = book["Table_1"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "[c]" in cells
    assert "Police referrals by month and Area" in cells


def test_a_frozen_pack_rebuilds_with_identical_figures_and_shows_changes():
    hand_counted_set()
    pack = national(disclosure.PUBLIC)
    frozen = pack_freeze(actor=None, pack=pack)
    assert frozen.code_version.startswith("0.1.0")
    assert AuditEvent.objects.filter(
        operation=Operation.COLLECTION, object_type="frozen_pack"
    ).exists()
    rebuilt = pack_rebuild(frozen=frozen)
    assert rebuilt.figures() == frozen.figures
    assert rebuilt.figures_digest() == frozen.figures_sha256
    # Cases registered after the freeze do not change the rebuild...
    journey(area="WEST-MIDLANDS", referred=date(2024, 5, 2))
    assert pack_rebuild(frozen=frozen).figures() == frozen.figures
    # ...but a fresh build counts them, and the comparison says where.
    changes = diff_packs(rebuilt, national(disclosure.PUBLIC))
    assert changes and {c["table"] for c in changes} >= {"Police referrals by month and Area"}


def test_pack_command_writes_html_and_xlsx_and_audits(tmp_path):
    hand_counted_set()
    call_command(
        "pack",
        "--national",
        "--period",
        "2024-05..2024-06",
        "--audience",
        "public",
        "--out",
        str(tmp_path),
        "--recipient",
        "Inspectorate",
        "--freeze",
    )
    files = sorted(p.suffix for p in tmp_path.iterdir())
    assert files == [".html", ".xlsx"]
    event = AuditEvent.objects.filter(operation=Operation.DISCLOSURE).latest("sequence")
    assert event.recipient == "Inspectorate"


def test_pack_command_refuses_bad_input(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a month"):
        call_command(
            "pack", "--area", "WEST-MIDLANDS", "--month", "2024-13", "--out", str(tmp_path)
        )
    with pytest.raises(CommandError, match="no Area"):
        call_command("pack", "--area", "NOWHERE", "--month", "2024-03", "--out", str(tmp_path))
