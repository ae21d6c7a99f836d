"""The read API: same access rule as the pages, 401 without sign-in, 404 out of scope, no 5xx."""

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from tests.access import assert_access_matrix
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db

CASE_READERS = {
    Role.PROSECUTOR,
    Role.PARALEGAL,
    Role.UNIT_HEAD,
    Role.CPS_DIRECT,
    Role.PERFORMANCE_MANAGER,
    Role.NATIONAL_LEAD,
}


def test_anonymous_requests_get_401():
    response = Client().get("/api/cases")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in first."}


def test_case_endpoint_follows_the_access_matrix(client_for, user_for_role):
    case = make_case(area_code="LONDON-NORTH")
    assert_access_matrix(client_for, user_for_role, f"/api/cases/{case.pk}", allowed=CASE_READERS)


def test_out_of_scope_case_is_404_and_list_leaves_it_out(client_for, user_for_role):
    mine = make_case(area_code="LONDON-NORTH")
    theirs = make_case(area_code="WESSEX", force="44")
    client = client_for(user_for_role(Role.PROSECUTOR))
    assert client.get(f"/api/cases/{theirs.pk}").status_code == 404
    assert client.get("/api/cases/999999").status_code == 404
    urns = [item["urn"] for item in client.get("/api/cases").json()["items"]]
    assert urns == [mine.urn]


def test_reading_a_case_is_a_consultation(client_for, user_for_role):
    case = make_case(area_code="LONDON-NORTH")
    user = user_for_role(Role.PROSECUTOR)
    body = client_for(user).get(f"/api/cases/{case.pk}").json()
    assert body["urn"] == case.urn and body["area"] == "LONDON-NORTH"
    assert AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, actor_id=user.pk, object_id=str(case.pk)
    ).exists()


def test_openapi_schema_is_served_offline(client_for, user_for_role):
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    schema = client.get("/api/openapi.json").json()
    assert "/api/cases" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_no_input_makes_the_api_fail(client_for, user_for_role):
    """schemathesis generates requests from the OpenAPI schema; none may get a 5xx."""
    make_case(area_code="LONDON-NORTH")
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    schema = schemathesis.openapi.from_dict(client.get("/api/openapi.json").json())

    failures, sent = [], []

    def send(case) -> None:
        sent.append(case.formatted_path)
        response = client.generic(case.method, case.formatted_path, QUERY_STRING=_query(case.query))
        if response.status_code >= 500:
            failures.append((case.method, case.formatted_path, case.query))

    checks = settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    for operation in schema.get_all_operations():
        checks(given(operation.ok().as_strategy())(send))()
    assert failures == []
    assert len(sent) >= 40 and any(path.startswith("/api/cases/") for path in sent)


def _query(params) -> str:
    from urllib.parse import urlencode

    return urlencode(params or {}, doseq=True)


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=-1",
        "offset=-5",
        "offset=99999999999999999999",
        "limit=99999999999999999999",
        "status=%00",
        "urn=%00",
        "area=x",
    ],
)
def test_out_of_range_parameters_get_a_4xx_not_a_500(client_for, user_for_role, query):
    response = client_for(user_for_role(Role.NATIONAL_LEAD)).get(f"/api/cases?{query}")
    assert response.status_code in (200, 400, 422)
