"""Performance pages: who sees what (404 otherwise), filters, downloads audited as disclosures."""

import io

import openpyxl
import pytest

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.insight.catalogue import MEASURES
from msht.reference.models import Area
from tests.access import assert_access_matrix

from .factories import hand_counted_set

pytestmark = pytest.mark.django_db

FILTERS = "?start=2023-07&end=2024-12&grain=quarter"


def test_dashboard_access_matrix(client_for, user_for_role):
    assert_access_matrix(
        client_for,
        user_for_role,
        "/performance/",
        allowed={
            Role.PROSECUTOR,
            Role.PARALEGAL,
            Role.UNIT_HEAD,
            Role.CPS_DIRECT,
            Role.PERFORMANCE_MANAGER,
            Role.NATIONAL_LEAD,
            Role.POLICE_PARTNER,
        },
    )


def test_published_figures_access_matrix(client_for, user_for_role):
    assert_access_matrix(
        client_for,
        user_for_role,
        "/performance/published/",
        allowed={
            Role.PROSECUTOR,
            Role.PARALEGAL,
            Role.UNIT_HEAD,
            Role.CPS_DIRECT,
            Role.PERFORMANCE_MANAGER,
            Role.NATIONAL_LEAD,
            Role.POLICE_PARTNER,
            Role.SCRUTINY,
        },
    )


def test_definitions_has_an_anchor_per_measure(client_for, user_for_role):
    response = client_for(user_for_role(Role.SCRUTINY)).get("/performance/definitions")
    body = response.content.decode()
    for measure in MEASURES:
        assert f'id="{measure.anchor}"' in body
    assert (
        client_for(user_for_role(Role.HUB_EDITOR)).get("/performance/definitions").status_code
        == 404
    )


def test_national_lead_sees_areas_side_by_side_and_the_funnel(client_for, user_for_role):
    hand_counted_set()
    response = client_for(user_for_role(Role.NATIONAL_LEAD)).get("/performance/" + FILTERS)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Areas side by side" in body and "The joint funnel by year" in body
    assert "Victim retraction" in body
    assert 'href="/performance/definitions#police-referrals"' in body
    assert "<svg" in body


def test_performance_manager_sees_only_their_area(client_for, user_for_role):
    hand_counted_set()
    manager = user_for_role(Role.PERFORMANCE_MANAGER, area=Area.objects.get(code="WEST-MIDLANDS"))
    client = client_for(manager)
    response = client.get("/performance/" + FILTERS)
    assert response.status_code == 200
    assert "Areas side by side" not in response.content.decode()
    headline = {h["measure"].id: h["value"] for h in response.context["dashboard"].headline}
    assert headline["police_referrals"] == 3  # West Midlands only
    assert client.get("/performance/area/WEST-MIDLANDS/" + FILTERS).status_code == 200
    assert client.get("/performance/area/LONDON-NORTH/").status_code == 404
    assert client.get("/performance/?area=LONDON-NORTH").status_code == 400
    assert client.get("/performance/pack/?kind=national&period=2024-05..2024-06").status_code == 404


def test_scrutiny_sees_public_level_figures_only(client_for, user_for_role):
    hand_counted_set()
    response = client_for(user_for_role(Role.SCRUTINY)).get("/performance/published/" + FILTERS)
    headline = {h["measure"].id: h["value"] for h in response.context["dashboard"].headline}
    assert headline["police_referrals"] == 10  # 8 rounded to 5
    assert headline["convictions"] == "[c]"  # 3


def test_police_partner_sees_their_force_at_partner_level(client_for, user_for_role):
    hand_counted_set()  # five Met (force 01) cases
    response = client_for(user_for_role(Role.POLICE_PARTNER)).get("/performance/" + FILTERS)
    assert response.status_code == 200
    headline = {h["measure"].id: h["value"] for h in response.context["dashboard"].headline}
    assert headline["police_referrals"] == 5
    assert headline["prosecutions_finalised"] == "[c]"
    assert AuditEvent.objects.filter(operation=Operation.DISCLOSURE).count() == 0
    download = client_for(user_for_role(Role.POLICE_PARTNER)).get(
        "/performance/pack/?period=2024-06&audience=partner&format=xlsx"
    )
    assert download.status_code == 200
    event = AuditEvent.objects.get(operation=Operation.DISCLOSURE)
    assert event.recipient == "Police partner: Metropolitan Police Service"


def test_public_xlsx_download_is_audited(client_for, user_for_role):
    hand_counted_set()
    lead = user_for_role(Role.NATIONAL_LEAD)
    response = client_for(lead).get(
        "/performance/pack/?kind=national&period=2024-05..2024-06&audience=public&format=xlsx"
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    event = AuditEvent.objects.get(operation=Operation.DISCLOSURE)
    assert event.recipient == "Public release" and event.actor_id == lead.pk


def test_bad_pack_requests_are_400_not_500(client_for, user_for_role):
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    assert client.get("/performance/pack/?kind=national&period=2024-99").status_code == 400
    assert (
        client.get("/performance/pack/?kind=national&period=2024-01&format=pdf").status_code == 400
    )
    assert client.get("/performance/?start=yesterday").status_code == 400


def test_freeze_and_compare(client_for, user_for_role):
    hand_counted_set()
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    response = client.post(
        "/performance/pack/freeze",
        {"kind": "national", "period": "2024-05..2024-06", "audience": "public"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"] + "?compare=1")
    assert "every figure is identical" in page.content.decode()
    other = client_for(user_for_role(Role.PERFORMANCE_MANAGER))
    assert other.get(response["Location"]).status_code == 404
