"""Per-force joint packs: built in the background at partner level, reviewed, then shared."""

from datetime import date

import pytest

from msht.accounts.roles import Role
from msht.advice import services
from msht.advice.models import JointPack
from msht.advice.tasks import build_joint_pack
from msht.audit.models import AuditEvent, Operation
from msht.insight import disclosure
from msht.reference.models import PoliceForce
from tests.factories import UserFactory, area

from .factories import make_request, police_user, unit_head

pytestmark = pytest.mark.django_db


def built_pack(force_code="01", head=None):
    head = head or unit_head()
    make_request(force_code=force_code, requested_on=date(2024, 5, 3))
    pack = services.joint_pack_request(
        actor=head, police_force=PoliceForce.objects.get(code=force_code), month=date(2024, 5, 1)
    )
    build_joint_pack.call(pack.pk)  # the worker's step
    pack.refresh_from_db()
    return pack, head


def test_a_pack_is_built_in_the_background_at_partner_level_with_a_review_deadline(
    django_capture_on_commit_callbacks,
):
    head = unit_head()
    with django_capture_on_commit_callbacks() as callbacks:
        pack = services.joint_pack_request(
            actor=head, police_force=PoliceForce.objects.get(code="01"), month=date(2024, 5, 9)
        )
    assert pack.status == JointPack.Status.QUEUED and len(callbacks) == 1  # enqueued
    build_joint_pack.call(pack.pk)
    pack.refresh_from_db()
    assert pack.status == JointPack.Status.READY and pack.review_by > date(2024, 5, 1)
    assert pack.frozen.audience == disclosure.PARTNER and pack.frozen.kind == "force"
    titles = [table["title"] for table in pack.frozen.figures]
    assert any("Early investigative advice requests" in t for t in titles)
    assert any("joint funnel" in t for t in titles)
    funnel = pack.frozen.figures[-1]
    assert "NRM positive reasonable grounds (UK-wide)" in funnel["columns"]
    assert "Police: referrals to the CPS (police return)" in funnel["columns"]


def test_police_see_their_pack_only_once_shared_and_never_another_forces(client_for):
    pack, head = built_pack("01")
    other, _ = built_pack("48", head)
    police = police_user("01")
    client = client_for(police)
    url = f"/advice/joint/{pack.public_id}/"
    assert client.get(url).status_code == 404  # not yet reviewed and shared
    services.joint_pack_share(actor=head, pack=pack)
    services.joint_pack_share(actor=head, pack=other)
    assert client.get(url).status_code == 200
    assert client.get(f"/advice/joint/{other.public_id}/").status_code == 404
    assert client.get(f"/advice/joint/{other.public_id}/download?format=xlsx").status_code == 404
    response = client.get(f"{url}download?format=xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    event = AuditEvent.objects.filter(actor_id=police.pk, operation=Operation.DISCLOSURE).last()
    assert event.recipient == "Metropolitan Police Service"
    listing = client.get("/advice/joint/").content.decode()
    assert "City of London" not in listing


def test_sharing_is_a_disclosure_to_the_force_by_the_areas_reviewer():
    pack, head = built_pack("01")
    with pytest.raises(services.AdviceRefused):
        services.joint_pack_share(
            actor=UserFactory(role=Role.UNIT_HEAD, area=area("WESSEX")), pack=pack
        )
    services.joint_pack_share(actor=head, pack=pack)
    event = AuditEvent.objects.filter(object_type="joint_pack", operation=Operation.DISCLOSURE)
    assert event.get().recipient == "Metropolitan Police Service"


def test_the_area_downloads_html_and_xlsx(client_for):
    pack, head = built_pack("01")
    client = client_for(head)
    assert client.get(f"/advice/joint/{pack.public_id}/").status_code == 200
    html = client.get(f"/advice/joint/{pack.public_id}/download?format=html")
    assert html.status_code == 200 and b"joint modern slavery pack" in html.content
    assert client.get(f"/advice/joint/{pack.public_id}/download?format=pdf").status_code == 404


def test_the_area_requests_a_build_on_the_page(client_for):
    head = unit_head()
    force = PoliceForce.objects.get(code="01")
    response = client_for(head).post("/advice/joint/", {"police_force": force.pk, "month": "x"})
    assert response.status_code == 400 and b"Select a month from the list" in response.content
    month = date.today().replace(day=1).strftime("%Y-%m")
    response = client_for(head).post("/advice/joint/", {"police_force": force.pk, "month": month})
    assert response.status_code == 302 and JointPack.objects.count() == 1
    wessex = PoliceForce.objects.get(code="44")
    response = client_for(head).post("/advice/joint/", {"police_force": wessex.pk, "month": month})
    assert response.status_code == 400  # not a force of the head's Area
