"""The data pages: who may use them, uploads with a background job, reports, exports."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.interchange.models import ImportBatch
from msht.interchange.tasks import run_import_batch

from ..access import assert_access_matrix
from ..cases.factories import make_case
from .corpus import DTN_HEADER, zip_bomb

pytestmark = pytest.mark.django_db

# The training administrator imports learning-system completions (docs/decisions/1021).
IMPORTERS = {Role.UNIT_HEAD, Role.NATIONAL_LEAD, Role.TRAINING_ADMIN}
EXPORTERS = {
    Role.PROSECUTOR,
    Role.PARALEGAL,
    Role.UNIT_HEAD,
    Role.CPS_DIRECT,
    Role.PERFORMANCE_MANAGER,
    Role.NATIONAL_LEAD,
}


def test_landing_page_access(client_for, user_for_role):
    assert_access_matrix(
        client_for, user_for_role, reverse("interchange:home"), allowed=IMPORTERS | EXPORTERS
    )


def test_upload_page_access(client_for, user_for_role):
    assert_access_matrix(
        client_for, user_for_role, reverse("interchange:upload"), allowed=IMPORTERS
    )


def test_export_page_access(client_for, user_for_role):
    assert_access_matrix(
        client_for, user_for_role, reverse("interchange:export"), allowed=EXPORTERS
    )


def upload(client, content: bytes, name="dtn.csv", kind="nrm-duty-to-notify", mode="all"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        reverse("interchange:upload"), {"kind": kind, "file": file, "mode": mode, "period": ""}
    )


def test_upload_queues_a_background_job_and_shows_progress(client_for, user_for_role):
    user = user_for_role(Role.NATIONAL_LEAD)
    client = client_for(user)
    response = upload(client, (DTN_HEADER + "2023,Q1,5\n2023,Q2,x\n").encode())
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.QUEUED and batch.created_by == user
    page = client.get(response["Location"])
    assert b'http-equiv="refresh"' in page.content
    # The worker (`msht db_worker`) runs the task; here it is called directly.
    run_import_batch.call(batch.pk)
    page = client.get(response["Location"])
    assert b'http-equiv="refresh"' not in page.content
    assert b"Nothing was imported" in page.content and b"must be a whole number" in page.content
    report = client.get(reverse("interchange:batch-report", args=[batch.public_id]))
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert rows[0] == ["Row", "Column", "Value", "Problem"]
    assert rows[1][:3] == ["3", "Total", "x"]


def test_someone_elses_batch_is_a_404(client_for, user_for_role):
    lead = user_for_role(Role.NATIONAL_LEAD)
    upload(client_for(lead), (DTN_HEADER + "2023,Q1,5\n").encode())
    batch = ImportBatch.objects.get()
    other = client_for(user_for_role(Role.UNIT_HEAD))
    assert other.get(reverse("interchange:batch", args=[batch.public_id])).status_code == 404
    assert other.get(reverse("interchange:batch-report", args=[batch.public_id])).status_code == 404


def test_a_zip_bomb_upload_is_refused_on_the_form(client_for, user_for_role, tmp_path):
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    content = zip_bomb(tmp_path / "bomb.xlsx", megabytes=150).read_bytes()
    response = upload(client, content, name="bomb.xlsx")
    assert response.status_code == 400
    assert b"out of proportion" in response.content
    assert ImportBatch.objects.count() == 0


def test_upload_form_errors(client_for, user_for_role):
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    response = client.post(reverse("interchange:upload"), {})
    assert response.status_code == 400
    assert b"Choose a file to import" in response.content
    assert b"Choose what the file holds" in response.content


def test_template_download(client_for, user_for_role):
    client = client_for(user_for_role(Role.UNIT_HEAD))
    response = client.get(reverse("interchange:template", args=["cases"]))
    assert response.content.decode().startswith("URN,Area,Police force")
    assert client.get(reverse("interchange:template", args=["nope"])).status_code == 404


def test_case_export_is_scoped_neutralised_and_audited(client_for, user_for_role):
    mine = make_case(operation_name='=HYPERLINK("http://evil")')
    make_case(force="20")  # West Midlands: not the prosecutor's Area
    user = user_for_role(Role.PROSECUTOR)
    client = client_for(user)
    response = client.post(
        reverse("interchange:export"),
        {"file_format": "csv", "recipient": "Police liaison", "purpose": "Monthly review"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [mine.urn]
    assert rows[1][3] == '\'=HYPERLINK("http://evil")'
    event = AuditEvent.objects.get(operation=Operation.DISCLOSURE, object_type="case_list")
    assert (event.recipient, event.reason, event.detail["cases"]) == (
        "Police liaison",
        "Monthly review",
        1,
    )


def test_xlsx_export_holds_no_formulas(client_for, user_for_role):
    make_case(operation_name="=1+1")
    client = client_for(user_for_role(Role.PROSECUTOR))
    response = client.post(
        reverse("interchange:export"),
        {"file_format": "xlsx", "recipient": "Unit head", "purpose": "Check"},
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cell = workbook.active["D2"]
    assert cell.data_type == "s" and cell.value == "'=1+1"


def test_export_needs_recipient_and_purpose(client_for, user_for_role):
    client = client_for(user_for_role(Role.PROSECUTOR))
    response = client.post(reverse("interchange:export"), {"file_format": "csv"})
    assert response.status_code == 400
    assert b"Enter who the export is for" in response.content
    assert not AuditEvent.objects.filter(operation=Operation.DISCLOSURE).exists()


def test_htcds_export_is_audited_and_k_anonymous(client_for, user_for_role):
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    response = client.post(
        reverse("interchange:htcds"),
        {"recipient": "Data collaborative", "purpose": "Research", "report": "yes"},
    )
    assert response.status_code == 200
    assert b"at least 11 people" in response.content
    event = AuditEvent.objects.get(operation=Operation.DISCLOSURE, object_type="htcds_export")
    assert event.detail["k"] == 11
