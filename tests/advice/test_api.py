"""The partner API: keys (hashed, revocable, expiring), one force never sees another's data,
every call audited, throttled, and schemathesis with a key finds no 5xx."""

import json
from datetime import timedelta

import pytest
import schemathesis
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings

from msht.accounts.roles import Role
from msht.advice import services
from msht.advice.models import AdviceRequest, PartnerApiKey
from msht.audit.models import AuditEvent, Operation
from msht.reference.dates import today
from msht.reference.models import PoliceForce
from tests.factories import UserFactory

from .factories import make_request, police_user, prosecutor, unit_head

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def new_key(force_code="01", days=30):
    admin = UserFactory(role=Role.SYSTEM_ADMIN)
    return services.api_key_create(
        actor=admin,
        police_force=PoliceForce.objects.get(code=force_code),
        name="Records system",
        expires_on=today() + timedelta(days=days),
    )


def client_with(token) -> Client:
    return Client(HTTP_X_API_KEY=token)


BODY = {
    "operation_name": "Harrier",
    "officer_name": "DC Ana Lopez",
    "officer_contact": "ana.lopez@police.example",
    "summary": "Suspected sexual exploitation at two addresses.",
    "exploitation_types": ["SEXUAL"],
    "suspect_count": 1,
    "victim_count": 3,
    "advice_sought": "Lines of enquiry.",
    "urgency": "urgent",
    "requested_by_date": str(today() + timedelta(days=10)),
}


def test_the_token_is_stored_only_as_its_digest():
    key, token = new_key()
    stored = PartnerApiKey.objects.get(pk=key.pk)
    assert token not in {stored.token_sha256, stored.prefix} and token.startswith("msht_")
    assert stored.token_sha256 == services.keys.token_digest(token)


def test_no_key_an_unknown_key_a_revoked_key_and_an_expired_key_get_401():
    key, token = new_key()
    assert Client().get("/api/partner/advice-requests").status_code == 401
    assert client_with("msht_nonsense").get("/api/partner/advice-requests").status_code == 401
    assert client_with(token).get("/api/partner/advice-requests").status_code == 200
    services.api_key_revoke(actor=UserFactory(role=Role.SYSTEM_ADMIN), key=key)
    assert client_with(token).get("/api/partner/advice-requests").status_code == 401
    expired, expired_token = new_key()
    PartnerApiKey.objects.filter(pk=expired.pk).update(expires_on=today())
    assert client_with(expired_token).get("/api/partner/advice-requests").status_code == 401


def test_only_the_system_administrator_creates_keys():
    with pytest.raises(services.AdviceRefused):
        services.api_key_create(
            actor=unit_head(), police_force=PoliceForce.objects.get(code="01"), name="x",
            expires_on=today() + timedelta(days=3),
        )  # fmt: skip


def test_a_key_requests_advice_for_its_own_force_and_reads_it_back():
    _key, token = new_key("20")
    response = client_with(token).post(
        "/api/partner/advice-requests", json.dumps(BODY), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["police_force"] == "West Midlands Police" and created["area"] == "West Midlands"
    item = AdviceRequest.objects.get(pk=created["id"])
    assert item.requested_with_key_id == _key.pk and item.requested_by is None
    assert client_with(token).get(f"/api/partner/advice-requests/{item.pk}").json()["status"] == (
        "submitted"
    )


def test_bad_input_is_a_400_naming_the_field():
    _key, token = new_key()
    body = {**BODY, "exploitation_types": ["NOPE"]}
    response = client_with(token).post(
        "/api/partner/advice-requests", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    past = {**BODY, "requested_by_date": str(today() - timedelta(days=1))}
    response = client_with(token).post(
        "/api/partner/advice-requests", json.dumps(past), content_type="application/json"
    )
    assert response.status_code == 400 and "requested_by_date" in response.json()["detail"]


def test_one_force_never_sees_anothers_requests_advice_or_figures():
    mine = make_request(force_code="01")
    theirs = make_request(force_code="20", operation_name="Osprey")
    _key, token = new_key("01")
    client = client_with(token)
    listed = [item["id"] for item in client.get("/api/partner/advice-requests").json()]
    assert listed == [mine.pk]
    assert client.get(f"/api/partner/advice-requests/{theirs.pk}").status_code == 404
    assert client.get("/api/partner/advice-requests/987654321").status_code == 404
    figures = client.get("/api/partner/figures").json()
    assert figures["police_force"] == "Metropolitan Police Service"
    assert figures["disclosure_control"].startswith("Partner")


def test_every_call_is_audited_and_advice_sight_is_a_disclosure():
    police = police_user("01")
    item = make_request(actor=police, requested_on=today() - timedelta(days=2))
    lawyer = prosecutor()
    item = services.advice_request_accept(
        actor=unit_head(), request=item, expected_version=item.version,
        unit=item.recommended_unit, lawyer=lawyer,
    )  # fmt: skip
    services.advice_give(
        actor=lawyer, request=item, expected_version=item.version, given_on=today(),
        summary="Obtain the bank records", action_items=[],
    )  # fmt: skip
    key, token = new_key("01")
    client = client_with(token)
    before = AuditEvent.objects.count()
    body = client.get(f"/api/partner/advice-requests/{item.pk}").json()
    assert body["advice_summary"] == "Obtain the bank records"
    client.get("/api/partner/advice-requests")
    client.get("/api/partner/figures?period=2024-01..2024-06")
    events = list(AuditEvent.objects.order_by("sequence")[before:])
    assert [e.operation for e in events] == [
        Operation.DISCLOSURE,
        Operation.CONSULTATION,
        Operation.DISCLOSURE,
    ]
    assert all(e.actor_label == f"api-key:{key.prefix}" for e in events)
    assert events[0].recipient == "Metropolitan Police Service"


def test_calls_are_throttled_per_key():
    _key, token = new_key()
    client = client_with(token)
    codes = [client.get("/api/partner/figures?period=2024-01").status_code for _ in range(125)]
    assert codes[0] == 200 and codes[-1] == 429


def test_the_partner_endpoints_are_in_the_openapi_document(client_for, user_for_role):
    schema = client_for(user_for_role(Role.NATIONAL_LEAD)).get("/api/openapi.json").json()
    assert "/api/partner/advice-requests" in schema["paths"]
    assert "/api/partner/figures" in schema["paths"]


def test_schemathesis_with_a_key_finds_no_5xx(client_for, user_for_role):
    make_request(force_code="01")
    make_request(force_code="20")
    schema_json = client_for(user_for_role(Role.NATIONAL_LEAD)).get("/api/openapi.json").json()
    schema = schemathesis.openapi.from_dict(schema_json)
    _key, token = new_key("01")
    failures, sent = [], []

    def send(case) -> None:
        cache.clear()  # the throttle is tested above; here every generated call must run
        from urllib.parse import urlencode

        sent.append(case.formatted_path)
        kwargs = {"QUERY_STRING": urlencode(case.query or {}, doseq=True)}
        if case.body is not None and not isinstance(case.body, schemathesis.core.NotSet):
            kwargs["data"] = json.dumps(case.body)
            kwargs["content_type"] = "application/json"
        response = client_with(token).generic(case.method, case.formatted_path, **kwargs)
        if response.status_code >= 500:
            failures.append((case.method, case.formatted_path, case.query, case.body))

    checks = settings(
        max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    for operation in schema.get_all_operations():
        op = operation.ok()
        if not op.path.startswith("/api/partner/"):
            continue
        checks(given(op.as_strategy())(send))()
    assert failures == []
    assert any(path.startswith("/api/partner/advice-requests/") for path in sent)


def test_a_nul_character_in_the_body_is_a_4xx_not_a_500():
    _key, token = new_key()
    body = {**BODY, "summary": "bad\x00byte", "exploitation_types": ["LAB\x00OUR"]}
    response = client_with(token).post(
        "/api/partner/advice-requests", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert not AdviceRequest.objects.exists()
