import io
from datetime import date

import openpyxl
from django.utils import timezone

from msht.insight.models import FrozenPack
from msht.insight.services import pack_freeze
from msht.international import casework_services, report
from msht.international.periods import Quarter
from msht.reference.models import Nationality

from .factories import hand_counted


def test_report_figures_and_frozen_digest(intl, intl_case):
    hand_counted(intl)
    casework_services.mla_request_record(
        actor=intl,
        case_urns=[intl_case.urn],
        direction="outgoing",
        country=Nationality.objects.get(code="ALB"),
        sent_on=date(2025, 1, 6),
        asked="Records",
    )
    pack = report.build_report(quarter=Quarter.parse("2025-26 Q1"), registered_by=timezone.now())
    tables = {t.measure_id: t for t in pack.tables}
    trained = {row[0]: row[1:] for row in tables["intl_cost_per_official_trained"].rows}
    label = next(k for k in trained if k.startswith(Nationality.objects.get(code="ALB").name))
    assert trained[label] == [3000, 2500, "[x]"]  # 2025-26: no cost recorded
    cases = {row[0]: row[1:] for row in tables["intl_cost_per_case_supported"].rows}
    assert cases["All deployments"] == [50000, "[x]", "[x]"]
    outstanding = tables["intl_mla_outstanding"].rows
    assert outstanding[-1][:2] == ["Total", 1]
    frozen = pack_freeze(actor=intl, pack=pack)
    frozen = FrozenPack.objects.get(pk=frozen.pk)
    assert report.report_rebuild(frozen=frozen).figures_digest() == frozen.figures_sha256
    # New records after the freeze do not move a rebuild.
    hand_counted(intl)
    assert report.report_rebuild(frozen=frozen).figures_digest() == frozen.figures_sha256


def test_xlsx_download(intl, client_for):
    hand_counted(intl)
    response = client_for(intl).get("/international/report/?quarter=2025-26+Q1&format=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Cover" in book.sheetnames[0] or book.sheetnames[0].lower().startswith("cover")
    assert len(book.sheetnames) >= 10


def test_freeze_page_and_compare(intl, client_for):
    hand_counted(intl)
    client = client_for(intl)
    response = client.post("/international/report/freeze", {"quarter": "2025-26 Q1"})
    assert response.status_code == 302
    page = client.get(response["Location"] + "?compare=1").content.decode()
    assert "every figure is identical to the frozen report" in page
