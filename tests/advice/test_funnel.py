"""The joint funnel: police returns, NRM grounds decisions (UK-wide) and where NRM data end."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from msht.insight import disclosure
from msht.insight.measures import Filters, Scope
from msht.insight.packs import funnel
from msht.interchange.services import import_file
from tests.interchange.corpus import write

pytestmark = pytest.mark.django_db

NRM = Path(settings.BASE_DIR) / "data" / "nrm"


@pytest.fixture
def partner_data(tmp_path):
    import_file(actor=None, kind="nrm-reasonable-grounds", path=NRM / "nrm_reasonable_grounds.csv")
    import_file(actor=None, kind="nrm-conclusive-grounds", path=NRM / "nrm_conclusive_grounds.csv")
    header = "Police force,Month,MSHT crimes recorded,Investigations opened,Referrals to CPS\n"
    rows = "01,2023-01,10,5,2\n01,2023-02,12,6,3\n20,2023-01,7,3,1\n"
    import_file(actor=None, kind="police-returns", path=write(tmp_path / "r.csv", header + rows))


def test_the_funnel_shows_police_and_nrm_decisions_and_where_nrm_data_end(partner_data):
    data = funnel(
        Scope(everything=True),
        Filters(start=date(2023, 1, 1), end=date(2024, 12, 31)),
        audience=disclosure.INTERNAL,
    )
    y2023, y2024 = data["rows"]
    partner = dict(y2023["partner"])
    assert partner["Police: MSHT crimes recorded"] == 29
    assert partner["Police: referrals to the CPS (police return)"] == 6
    assert partner["NRM positive reasonable grounds (UK-wide)"] > 0
    assert partner["NRM positive conclusive grounds (UK-wide)"] > 0
    assert data["nrm_last_year"] == 2023
    assert "end in 2023" in data["nrm_note"] and "UK-wide" in data["nrm_note"]
    later = dict(y2024["partner"])
    assert later["NRM positive reasonable grounds (UK-wide)"] == "Not yet published"
    assert y2024["nrm"] == "Not yet published"


def test_a_force_sees_its_own_police_figures_only(partner_data):
    from msht.reference.models import PoliceForce

    met = PoliceForce.objects.get(code="01")
    data = funnel(
        Scope(everything=True, police_force_id=met.pk),
        Filters(start=date(2023, 1, 1), end=date(2023, 12, 31)),
        audience=disclosure.INTERNAL,
    )
    assert dict(data["rows"][0]["partner"])["Police: MSHT crimes recorded"] == 22


def test_the_dashboard_shows_eia_and_the_uk_wide_label(client_for, user_for_role, partner_data):
    from msht.accounts.roles import Role

    page = client_for(user_for_role(Role.NATIONAL_LEAD)).get(
        "/performance/?from=2023-01&to=2024-12"
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "Early investigative advice requests by police force and Area" in body
    assert "NRM referrals, UK-wide (people)" in body
    assert "NRM positive reasonable grounds (UK-wide)" in body
