"""The OpenAPI document tells the truth: every answer the API gives is declared, body and all.

Issue 13 item 10. schemathesis generates valid and invalid requests from the document and sends
them through the whole WSGI stack (middleware included, so the sign-in, NUL-byte and 404 answers
are real) with its conformance checks on: no server error, every status code declared, the
content type declared, and the body matching the declared schema.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from msht.accounts.roles import Role
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class _TestWSGIHandler(WSGIHandler):
    """Django's handler as its test client runs it: the test's database connection stays open
    (a real request would close it on request_started/request_finished, which would end the
    test's transaction on PostgreSQL)."""

    def __call__(self, environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return super().__call__(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def _schema_and_cookies(client):
    document = client.get("/api/openapi.json").json()
    schema = schemathesis.openapi.from_dict(document)
    schema.app = _TestWSGIHandler()
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return document, schema, cookies


def test_openapi_declares_the_error_answers(client_for, user_for_role):
    document, _, _ = _schema_and_cookies(client_for(user_for_role(Role.NATIONAL_LEAD)))
    for path in ("/api/cases", "/api/cases/{case_id}"):
        declared = document["paths"][path]["get"]["responses"]
        assert {"200", "400", "401", "404", "422"} <= set(declared), (path, sorted(declared))
        for status in ("400", "401", "404", "422"):
            assert "application/json" in declared[status]["content"], (path, status)


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_every_answer_conforms_to_the_document(client_for, user_for_role, mode):
    make_case(area_code="LONDON-NORTH")
    make_case(area_code="WESSEX", force="44")
    _, schema, cookies = _schema_and_cookies(client_for(user_for_role(Role.PROSECUTOR)))
    failures: list[str] = []
    statuses: set[int] = set()

    def send(case) -> None:
        response = case.call(cookies=cookies)
        statuses.add(response.status_code)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as error:  # noqa: BLE001 - collect every kind of check failure
            failures.append(f"{case.method} {case.formatted_path} {case.query}: {error}")

    run = settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    for operation in schema.get_all_operations():
        strategy = operation.ok().as_strategy(generation_mode=schemathesis.GenerationMode(mode))
        run(given(strategy)(send))()
    assert failures == [], "\n".join(failures[:5])
    if mode == "negative":
        assert 422 in statuses
    else:
        assert 200 in statuses and 404 in statuses
