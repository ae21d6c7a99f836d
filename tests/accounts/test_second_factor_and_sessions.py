import time

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from msht.accounts import services
from msht.accounts.middleware import KEY_AUTH_PREFIXES, PUBLIC_PREFIXES, SIGNED_IN_AT
from msht.accounts.models import User
from msht.accounts.roles import Role
from tests.conftest import sign_in
from tests.urlwalk import all_paths

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def _signed_in_without_second_factor(user) -> Client:
    client = Client()
    response = client.post("/account/sign-in", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_every_signed_in_page_requires_the_second_factor(make_user):
    client = _signed_in_without_second_factor(make_user(role=Role.NATIONAL_LEAD))
    checked = 0
    for path in all_paths():
        if path.startswith(PUBLIC_PREFIXES) or path.startswith(
            ("/account/two-factor", "/account/sign-out")
        ):
            continue
        if path.startswith(KEY_AUTH_PREFIXES):  # API keys, never a session (msht.advice)
            assert client.get(path).status_code == 401, path
            continue
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/two-factor", path
        checked += 1
    assert checked >= 5


def test_every_page_refuses_anonymous_users():
    client = Client()
    for path in all_paths():
        if path.startswith(PUBLIC_PREFIXES):
            continue
        response = client.get(path)
        assert response.status_code in (302, 401), path
        if response.status_code == 302:
            assert response["Location"].startswith("/account/sign-in"), path


def test_enrolment_shows_qr_then_issues_single_use_backup_codes(make_user):
    user = make_user()
    TOTPDevice.objects.filter(user=user).delete()  # a new user has no authenticator yet
    client = _signed_in_without_second_factor(user)
    assert client.get("/account/two-factor").url == "/account/two-factor/set-up"
    page = client.get("/account/two-factor/set-up")
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    bad = client.post("/account/two-factor/set-up", {"code": "12ab"})
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode()
    assert "Enter the 6-digit code" in bad.content.decode()

    code = f"{totp(device.bin_key):06d}"
    done = client.post("/account/two-factor/set-up", {"code": code})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and all(len(c) == 8 for c in codes)
    assert client.get("/").status_code == 200

    # A backup code signs in once, then never again.
    for attempt, expected_status in ((1, 302), (2, 400)):
        other = _signed_in_without_second_factor(user)
        response = other.post("/account/two-factor", {"code": codes[0]})
        assert response.status_code == expected_status, attempt
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_wrong_code_gets_a_clear_message(make_user):
    client = _signed_in_without_second_factor(make_user())
    for code, message in (
        ("", "Enter the security code"),
        ("abc", "Enter the 6-digit code"),
        ("000000", "not correct"),
    ):
        response = client.post("/account/two-factor", {"code": code})
        assert response.status_code == 400
        assert message in response.content.decode()


def test_throttling_locks_out_unknown_and_known_users_alike(make_user, settings):
    user = make_user()
    answers = {}
    for email in (user.email, "ghost@example.test"):
        client = Client()
        statuses = [
            client.post("/account/sign-in", {"email": email, "password": "wrong"}).status_code
            for _ in range(settings.AXES_FAILURE_LIMIT + 1)
        ]
        answers[email] = statuses
    assert answers[user.email] == answers["ghost@example.test"]
    assert answers[user.email][-1] == 429
    # Even the right password is refused while locked out.
    locked = Client().post("/account/sign-in", {"email": user.email, "password": PASSWORD})
    assert locked.status_code == 429


def test_absolute_expiry_ends_a_busy_session(make_user, client_for):
    user = make_user()
    client = client_for(user)
    assert client.get("/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 11 * 3600
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "expired=1" in response["Location"]
    assert client.get("/").url.startswith("/account/sign-in")


def test_idle_expiry_is_set_on_the_session_cookie(make_user, client_for, settings):
    client = client_for(make_user())
    response = client.get("/")
    assert response.status_code == 200
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60


@override_settings(SESSION_COOKIE_AGE=1)
def test_idle_session_expires(make_user, client_for):
    client = client_for(make_user())
    time.sleep(1.2)
    assert client.get("/").status_code == 302


def test_disabling_an_account_ends_its_sessions(make_user, client_for):
    user = make_user()
    admin = make_user(role=Role.SYSTEM_ADMIN)
    client = client_for(user)
    assert client.get("/").status_code == 200
    services.user_disable(user=user, acting_user=admin, reason="left the service")
    assert not User.objects.get(pk=user.pk).is_active
    assert client.get("/").url.startswith("/account/sign-in")


def test_disabled_user_cannot_sign_in(make_user):
    user = make_user(is_active=False)
    response = Client().post("/account/sign-in", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_sign_in_form_bad_input_gets_error_summary():
    client = Client()
    for data, message in (
        ({}, "Enter your email address"),
        ({"email": "not-an-email", "password": "x"}, "correct format"),
        ({"email": "a@b.test"}, "Enter your password"),
        ({"email": "a" * 300 + "@b.test", "password": "x"}, ""),
    ):
        response = client.post("/account/sign-in", data)
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
        assert message in response.content.decode()


def test_open_redirect_is_refused(make_user):
    user = make_user()
    client = Client()
    client.post("/account/sign-in", {"email": user.email, "password": PASSWORD})
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        "/account/two-factor?next=https://evil.example/", {"code": f"{totp(device.bin_key):06d}"}
    )
    assert response["Location"] == "/"


def test_system_admin_can_disable_from_the_accounts_page(make_user, client_for):
    admin = make_user(role=Role.SYSTEM_ADMIN)
    target = make_user()
    client = client_for(admin)
    assert target.email in client.get("/account/users").content.decode()
    client.post(f"/account/users/{target.pk}/status", {"action": "disable", "reason": "moved"})
    assert not User.objects.get(pk=target.pk).is_active
    # Other roles do not see the page at all.
    assert client_for(make_user()).get("/account/users").status_code == 404


def test_signed_in_helper_matches_real_flow(make_user):
    user = make_user()
    assert sign_in(Client(), user).get("/").status_code == 200
