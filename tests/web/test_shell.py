import re

import pytest
from django.test import Client

from msht.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_pages_send_security_headers_and_no_store(client_for, make_user):
    response = client_for(make_user()).get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_inline_script_carries_the_csp_nonce(client_for, make_user):
    response = client_for(make_user()).get("/")
    match = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert match
    nonce = match.group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_not_found_is_a_govuk_page(client_for, make_user):
    response = client_for(make_user()).get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_server_error_page_shows_no_trace(client_for, make_user, settings):
    from msht.web.views import server_error

    response = server_error(Client().get("/accessibility").wsgi_request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and "Traceback" not in body


def test_navigation_follows_role(client_for, make_user):
    admin_page = client_for(make_user(role=Role.SYSTEM_ADMIN)).get("/").content.decode()
    assert "Audit trail" in admin_page and "Accounts" in admin_page
    prosecutor_page = client_for(make_user(role=Role.PROSECUTOR)).get("/").content.decode()
    assert "Audit trail" not in prosecutor_page and ">Accounts<" not in prosecutor_page


def test_static_assets_are_served():
    response = Client().get("/assets/govuk/govuk-frontend.min.css")
    assert response.status_code == 200


def test_healthz_is_public():
    assert Client().get("/healthz").json() == {"status": "ok"}


def test_navigation_marks_the_current_area_of_work(make_user):
    from msht.web.navigation import navigation_for

    user = make_user(role=Role.PROSECUTOR)

    def current(path):
        return [item["text"] for item in navigation_for(user, path) if item["active"]]

    assert current("/") == ["Home"]
    assert current("/cases/") == ["Cases"]
    assert current("/victims/case/3/") == ["Cases"]
    assert current("/victims/") == ["Victims needing attention"]
    assert current("/hub/search") == ["Casework hub"]


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/cases/?q=%00", None),
        ("post", "/account/sign-in", {"email": "a\x00@b.test", "password": "x"}),
        ("get", "/api/cases?urn=%00", None),
    ],
)
def test_nul_bytes_get_a_400_page_not_a_500(client_for, make_user, method, path, data):
    client = client_for(make_user())
    response = getattr(client, method)(path, data) if data else getattr(client, method)(path)
    assert response.status_code == 400
    assert "Sorry, there is a problem with the request" in response.content.decode()
