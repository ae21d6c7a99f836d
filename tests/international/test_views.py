from datetime import date

import pytest

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent
from msht.international import casework_services
from msht.international.models import MlaRequest
from msht.reference.models import Area, Nationality
from tests.access import assert_access_matrix

from .factories import hand_counted

NATIONAL = {Role.INTERNATIONAL, Role.NATIONAL_LEAD}
# Roles that see a case in the default Area (London North).
CASE_TEAM = {
    Role.PROSECUTOR,
    Role.PARALEGAL,
    Role.UNIT_HEAD,
    Role.PERFORMANCE_MANAGER,
    Role.CPS_DIRECT,
    Role.NATIONAL_LEAD,
}


@pytest.fixture
def world(intl, intl_case):
    d = hand_counted(intl)
    objective = d.objectives.first()
    indicator = objective.indicators.first()
    country = Nationality.objects.get(code="ALB")
    mla = casework_services.mla_request_record(
        actor=intl,
        case_urns=[intl_case.urn],
        direction="outgoing",
        country=country,
        sent_on=date(2025, 1, 6),
        asked="Bank records",
    )
    extradition = casework_services.extradition_record(
        actor=intl,
        case_urns=[intl_case.urn],
        direction="outgoing",
        country=country,
        requested_on=date(2025, 2, 3),
    )
    jit = casework_services.jit_record(
        actor=intl,
        case_urns=[intl_case.urn],
        name="Operation Tide JIT",
        partner_countries=[country],
        agency="NCA",
        eurojust_funding=None,
        started_on=date(2024, 2, 1),
    )
    return {
        "deployment": d,
        "objective": objective,
        "indicator": indicator,
        "mla": mla,
        "extradition": extradition,
        "jit": jit,
        "case": intl_case,
    }


def _pages(w):
    d, o, i = w["deployment"].pk, w["objective"].pk, w["indicator"].pk
    national = [
        "/international/",
        "/international/deployments/",
        f"/international/deployments/{d}/",
        "/international/casework/",
        "/international/report/?quarter=2024-25+Q4",
        "/international/definitions",
    ]
    edit = [
        "/international/deployments/new",
        f"/international/deployments/{d}/edit",
        f"/international/deployments/{d}/costs",
        f"/international/deployments/{d}/objectives",
        f"/international/objectives/{o}/indicators",
        f"/international/objectives/{o}/activities",
        f"/international/indicators/{i}/targets",
        f"/international/indicators/{i}/actuals",
        "/international/mla/new",
        f"/international/mla/{w['mla'].pk}/edit",
        "/international/extradition/new",
        f"/international/extradition/{w['extradition'].pk}/edit",
        "/international/jit/new",
        f"/international/jit/{w['jit'].pk}/edit",
    ]
    records = [
        f"/international/mla/{w['mla'].pk}/",
        f"/international/extradition/{w['extradition'].pk}/",
        f"/international/jit/{w['jit'].pk}/",
    ]
    return national, edit, records


def test_access_matrix_for_every_page(world, client_for, user_for_role):
    national, edit, records = _pages(world)
    for url in national:
        assert_access_matrix(client_for, user_for_role, url, allowed=NATIONAL)
    for url in edit:
        assert_access_matrix(client_for, user_for_role, url, allowed={Role.INTERNATIONAL})
    for url in records:
        assert_access_matrix(
            client_for, user_for_role, url, allowed=NATIONAL | (CASE_TEAM - {Role.NATIONAL_LEAD})
        )
    assert_access_matrix(
        client_for, user_for_role, f"/international/case/{world['case'].pk}/", allowed=CASE_TEAM
    )


def test_records_of_other_areas_cases_are_404(world, client_for, user_for_role):
    outsider = user_for_role(Role.PROSECUTOR, area=Area.objects.exclude(code="LONDON-NORTH")[0])
    client = client_for(outsider)
    for kind in ("mla", "extradition", "jit"):
        assert client.get(f"/international/{kind}/{world[kind].pk}/").status_code == 404
    assert client.get("/international/mla/999999/").status_code == 404
    assert client.get(f"/international/case/{world['case'].pk}/").status_code == 404


def test_case_tab_shows_the_work_and_delay(world, client_for, user_for_role):
    response = client_for(user_for_role(Role.PROSECUTOR)).get(
        f"/international/case/{world['case'].pk}/"
    )
    body = response.content.decode()
    assert "Outgoing request, Albania" in body and "Operation Tide JIT" in body
    assert 'aria-current="page" href' in body or 'aria-current="page"' in body


def test_bad_input_pages_answer_400_with_field_messages(world, client_for):
    client = client_for(world["deployment"].created_by)
    d, i = world["deployment"].pk, world["indicator"].pk
    for data, message in (
        ({"staff": "-5", "travel": "1", "programme": "1"}, "Staff cost must be £0 or more"),
        ({"staff": "5", "travel": "x", "programme": "1"}, "Travel cost must be an amount"),
    ):
        response = client.post(
            f"/international/deployments/{d}/costs", {"financial_year": "2024-25", **data}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    response = client.post(
        f"/international/indicators/{i}/actuals",
        {
            "financial_year": "2024-25",
            "value": "5",
            "measured_on-day": "1",
            "measured_on-month": "1",
            "measured_on-year": "2020",
            "source": "Return",
        },
    )
    assert response.status_code == 400
    assert "Date measured must be on or after the baseline date, 1 May 2023" in (
        response.content.decode()
    )
    response = client.post(
        f"/international/indicators/{i}/targets", {"financial_year": "2031-32", "value": "5"}
    )
    assert response.status_code == 400
    assert "Target period 2031-32 is outside the deployment" in response.content.decode()
    response = client.post(
        "/international/mla/new",
        {
            "case_urns": "01YE9999924",
            "direction": "outgoing",
            "country": "ALB",
            "sent_on-day": "3",
            "sent_on-month": "2",
            "sent_on-year": "2025",
            "asked": "x",
            "status": "sent",
        },
    )
    assert response.status_code == 400
    assert "No case with an international element that you can link has the URN" in (
        response.content.decode()
    )
    assert client.get("/international/report/?quarter=2025+Q9").status_code == 400


def test_recording_an_mla_request_on_a_case(world, client_for):
    client = client_for(world["deployment"].created_by)
    response = client.post(
        "/international/mla/new",
        {
            "case_urns": world["case"].urn_display,
            "direction": "incoming",
            "country": "NLD",
            "sent_on-day": "3",
            "sent_on-month": "2",
            "sent_on-year": "2025",
            "asked": "Records",
            "status": "sent",
        },
    )
    assert response.status_code == 302
    request = MlaRequest.objects.get(country__code="NLD")
    assert list(request.cases.all()) == [world["case"]]
    dashboard = client.get("/international/").content.decode()
    assert "Incoming request, Netherlands" in dashboard


def test_reads_are_audited(world, client_for):
    client = client_for(world["deployment"].created_by)
    client.get("/international/deployments/")
    event = AuditEvent.objects.filter(object_type="cja_deployment", operation="consultation")
    assert event.last().detail["ids"] == [world["deployment"].pk]


def test_dashboard_queries_do_not_grow(world, client_for, django_assert_max_num_queries, intl):
    client = client_for(intl)
    client.get("/international/")
    hand_counted(intl)
    with django_assert_max_num_queries(40):
        assert client.get("/international/").status_code == 200
