"""Early advice pages: who sees what, one force never sees another's, GOV.UK messages."""

from datetime import timedelta

import pytest

from msht.accounts.roles import Role
from msht.advice import services
from msht.advice.models import AdviceRequest, RequestStatus
from msht.audit.models import AuditEvent, Operation
from msht.reference.dates import today
from tests.access import assert_access_matrix

from .factories import make_request, police_user, prosecutor, unit_head

pytestmark = pytest.mark.django_db

VIEWERS = {
    Role.POLICE_PARTNER,
    Role.PROSECUTOR,
    Role.PARALEGAL,
    Role.UNIT_HEAD,
    Role.CPS_DIRECT,
    Role.PERFORMANCE_MANAGER,
    Role.NATIONAL_LEAD,
}


def test_list_page_access_matrix(client_for, user_for_role):
    assert_access_matrix(client_for, user_for_role, "/advice/", allowed=VIEWERS)


def test_request_form_is_for_police_partners_only(client_for, user_for_role):
    assert_access_matrix(client_for, user_for_role, "/advice/new", allowed={Role.POLICE_PARTNER})


def test_detail_access_matrix(client_for, user_for_role):
    item = make_request(force_code="01")  # London North
    assert_access_matrix(client_for, user_for_role, f"/advice/{item.pk}/", allowed=VIEWERS)


def test_keys_page_is_for_the_system_administrator(client_for, user_for_role):
    assert_access_matrix(client_for, user_for_role, "/advice/keys/", allowed={Role.SYSTEM_ADMIN})


def test_police_request_through_the_form_lands_in_the_area(client_for):
    police = police_user("20")
    due = today() + timedelta(days=10)
    response = client_for(police).post(
        "/advice/new",
        {
            "operation_name": "Osprey",
            "officer_name": "DS Ana Lopez",
            "officer_contact": "ana@police.example",
            "summary": "Cannabis farm",
            "exploitation_types": [],
            "suspect_count": "2",
            "victim_count": "1",
            "advice_sought": "Section 45",
            "urgency": "urgent",
            "requested_by_date-day": str(due.day),
            "requested_by_date-month": str(due.month),
            "requested_by_date-year": str(due.year),
        },
    )
    item = AdviceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/advice/{item.pk}/"
    assert item.area.code == "WEST-MIDLANDS" and item.requested_by == police


def test_the_form_says_what_is_wrong_in_govuk_style(client_for):
    response = client_for(police_user()).post(
        "/advice/new", {"suspect_count": "two", "requested_by_date-day": "31"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the operation name" in body
    assert "Number of suspects must be a whole number, like 2" in body
    assert "Date you need the advice by must include a month and year" in body
    assert "This field is required" not in body


def test_one_force_never_sees_anothers_requests_on_pages(client_for):
    mine = make_request(force_code="01", operation_name="Kestrel")
    theirs = make_request(force_code="48", operation_name="Harrier")  # same Area, other force
    client = client_for(police_user("01"))
    listing = client.get("/advice/").content.decode()
    assert "Operation Kestrel" in listing and "Operation Harrier" not in listing
    assert client.get(f"/advice/{mine.pk}/").status_code == 200
    for path in (f"/advice/{theirs.pk}/", "/advice/424242/", f"/advice/{theirs.pk}/accept"):
        assert client.get(path).status_code == 404
    assert AuditEvent.objects.filter(
        operation=Operation.REFUSAL, object_type="advice.advicerequest", object_id=str(theirs.pk)
    ).exists()


def test_another_areas_staff_get_404(client_for):
    item = make_request(force_code="01")
    client = client_for(prosecutor("WESSEX"))
    assert client.get(f"/advice/{item.pk}/").status_code == 404
    assert "Kestrel" not in client.get("/advice/").content.decode()


def test_decline_without_a_reason_is_refused_on_the_page(client_for):
    item = make_request()
    due = today() + timedelta(days=5)
    response = client_for(unit_head()).post(
        f"/advice/{item.pk}/decline",
        {
            "version": item.version,
            "police_respond_by-day": due.day,
            "police_respond_by-month": due.month,
            "police_respond_by-year": due.year,
        },
    )
    assert response.status_code == 400
    assert "Select at least one reason for declining the request" in response.content.decode()
    item.refresh_from_db()
    assert item.status == RequestStatus.SUBMITTED


def test_triage_and_advice_through_the_pages(client_for):
    police = police_user("01")
    item = make_request(actor=police, requested_on=today() - timedelta(days=3))
    head, lawyer = unit_head(), prosecutor()
    response = client_for(head).post(
        f"/advice/{item.pk}/accept",
        {"version": item.version, "unit": item.recommended_unit_id, "lawyer": lawyer.pk},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    given = today()
    response = client_for(lawyer).post(
        f"/advice/{item.pk}/advice",
        {
            "version": item.version,
            "given_on-day": given.day,
            "given_on-month": given.month,
            "given_on-year": given.year,
            "summary": "Obtain the phone downloads first",
            "item_1": "Phone downloads",
            "due_1-day": given.day,
            "due_1-month": given.month,
            "due_1-year": given.year,
        },
    )
    assert response.status_code == 302
    page = client_for(police).get(f"/advice/{item.pk}/").content.decode()
    assert "Obtain the phone downloads first" in page and "Phone downloads" in page
    assert lawyer.full_name not in page  # police see the advice, not CPS staff allocation


def test_a_stale_accept_form_shows_the_conflict(client_for):
    item = make_request()
    head, lawyer = unit_head(), prosecutor()
    services.advice_request_accept(
        actor=head, request=item, expected_version=item.version,
        unit=item.recommended_unit, lawyer=lawyer,
    )  # fmt: skip
    response = client_for(head).post(
        f"/advice/{item.pk}/accept",
        {"version": item.version, "unit": item.recommended_unit_id, "lawyer": lawyer.pk},
    )
    assert response.status_code == 400
    assert "Someone else saved changes to this request" in response.content.decode()


def test_the_list_is_audited_with_the_ids_shown(client_for):
    item = make_request()
    user = unit_head()
    client_for(user).get("/advice/?status=nonsense")
    event = AuditEvent.objects.filter(actor_id=user.pk, object_type="advice_request_list").get()
    assert event.detail["ids"] == [item.pk] and event.detail["filters"] == {"status": ""}


def test_an_api_key_is_shown_once_and_can_be_revoked(client_for, user_for_role):
    admin = user_for_role(Role.SYSTEM_ADMIN)
    client = client_for(admin)
    expires = today() + timedelta(days=90)
    from msht.reference.models import PoliceForce

    response = client.post(
        "/advice/keys/",
        {
            "police_force": PoliceForce.objects.get(code="01").pk,
            "name": "Niche RMS",
            "expires_on-day": expires.day,
            "expires_on-month": expires.month,
            "expires_on-year": expires.year,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Key created" in body
    assert "Key created" not in client.get("/advice/keys/").content.decode()
    from msht.advice.models import PartnerApiKey

    key = PartnerApiKey.objects.get()
    assert client.post(f"/advice/keys/{key.public_id}/revoke").status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
