"""Export of one case's record: scoped (404), formula-safe, audited; identities for the team."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.cases import services as case_services
from msht.cases.models import Charge
from msht.reference.models import Offence

from ..access import assert_access_matrix
from ..cases.factories import make_case, make_charged_case
from ..victims.factories import SECRETS, make_victim

pytestmark = pytest.mark.django_db

POST = {"file_format": "csv", "recipient": "Defence solicitor", "purpose": "Disclosure review"}


def sections(content: bytes) -> dict[str, list[list[str]]]:
    result, current = {}, None
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        if not row:
            current = None
        elif current is None:
            current = result.setdefault(row[0], [])
        else:
            current.append(row)
    return result


@pytest.fixture
def record():
    case = make_charged_case(operation_name='=HYPERLINK("http://evil")')
    defendant = case_services.defendant_add(actor=None, case=case, reference="D1", gender="male")
    case_services.charge_add(
        actor=None,
        defendant=defendant,
        offence=Offence.objects.get(code="MSA-S2"),
        charged_on=date(2024, 3, 2),
    )
    make_victim(case=case)  # with a name, date of birth and contact details
    return case


def url(case):
    return reverse("interchange:case-export", args=[case.pk])


def test_case_record_csv_holds_every_table_neutralised_and_audited(
    client_for, user_for_role, record
):
    user = user_for_role(Role.PROSECUTOR)
    response = client_for(user).post(url(record), POST)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'case-{record.urn}.csv"')
    tables = sections(response.content)
    assert {"Case", "Defendants", "Charges", "Events", "Orders", "Victims"} <= set(tables)
    case_fields = dict(tables["Case"][1:])
    assert case_fields["URN"] == record.urn
    assert case_fields["Operation name"] == '\'=HYPERLINK("http://evil")'
    assert tables["Charges"][1][:2] == ["D1", "MSA-S2"]
    assert tables["Victims"][1][0] == "V1" and "Name" not in tables["Victims"][0]
    text = response.content.decode("utf-8-sig")
    assert not any(secret in text for secret in SECRETS)
    event = AuditEvent.objects.get(operation=Operation.DISCLOSURE, object_type="case")
    assert (event.object_id, event.recipient, event.reason) == (
        str(record.pk),
        "Defence solicitor",
        "Disclosure review",
    )
    assert event.detail["charges"] == 1 and event.detail["identities"] is False


def test_identities_only_when_asked_by_the_case_team(client_for, user_for_role, record):
    user = user_for_role(Role.PROSECUTOR)
    response = client_for(user).post(url(record), {**POST, "include_identities": "on"})
    tables = sections(response.content)
    assert tables["Victims"][0][-3:] == ["Name", "Date of birth", "Contact details"]
    assert tables["Victims"][1][-3:-1] == ["Zelmira Quintavalle-Okonkwo", "1991-07-23"]
    assert AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="victim_identity"
    ).exists()
    assert AuditEvent.objects.get(operation=Operation.DISCLOSURE).detail["identities"] is True


@pytest.mark.parametrize("role", [Role.NATIONAL_LEAD, Role.PERFORMANCE_MANAGER])
def test_analysts_never_get_identities_even_if_they_ask(client_for, user_for_role, record, role):
    client = client_for(user_for_role(role))
    assert b"include_identities" not in client.get(url(record)).content
    response = client.post(url(record), {**POST, "include_identities": "on", "file_format": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [str(c) for row in workbook["Victims"].iter_rows(values_only=True) for c in row]
    assert "Name" not in values
    assert not any(secret in value for value in values for secret in SECRETS)
    cell = dict(workbook["Case"].iter_rows(values_only=True))["Operation name"]
    assert cell == '\'=HYPERLINK("http://evil")'
    assert not AuditEvent.objects.filter(operation=Operation.CONSULTATION).exists()


def test_case_record_export_access(client_for, user_for_role):
    case = make_case()  # London North
    assert_access_matrix(
        client_for,
        user_for_role,
        url(case),
        allowed={
            Role.PROSECUTOR,
            Role.PARALEGAL,
            Role.UNIT_HEAD,
            Role.CPS_DIRECT,
            Role.PERFORMANCE_MANAGER,
            Role.NATIONAL_LEAD,
        },
    )


def test_out_of_scope_and_missing_cases_are_404(client_for, user_for_role):
    other = make_case(force="20")  # West Midlands
    client = client_for(user_for_role(Role.PROSECUTOR))
    assert client.post(url(other), POST).status_code == 404
    missing = reverse("interchange:case-export", args=[other.pk + 1000])
    assert client.post(missing, POST).status_code == 404
    assert not AuditEvent.objects.filter(operation=Operation.DISCLOSURE).exists()


def test_the_case_page_links_to_the_export(client_for, user_for_role, record):
    page = client_for(user_for_role(Role.PROSECUTOR)).get(reverse("cases:detail", args=[record.pk]))
    assert url(record).encode() in page.content


def test_recipient_and_purpose_are_required(client_for, user_for_role, record):
    response = client_for(user_for_role(Role.PROSECUTOR)).post(url(record), {"file_format": "csv"})
    assert response.status_code == 400
    assert b"Enter who the export is for" in response.content
    assert not AuditEvent.objects.filter(operation=Operation.DISCLOSURE).exists()
    assert Charge.objects.count() == 1


def test_export_reads_a_fixed_number_of_queries(django_assert_max_num_queries, record):
    from msht.interchange.record_export import case_record_tables

    with django_assert_max_num_queries(20):
        case_record_tables(record)
