import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from msht.audit.models import AuditEvent, Operation

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def _code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def test_every_page_needs_sign_in():
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in")


def test_sign_in_then_second_factor_reaches_home(make_user):
    user = make_user()
    client = Client()
    response = client.post("/account/sign-in", {"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    # Signed in but not through the second factor: every page sends you to it.
    assert client.get("/").url == "/account/two-factor"
    response = client.post("/account/two-factor", {"code": _code(user)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    operations = list(
        AuditEvent.objects.filter(actor_id=user.pk).values_list("operation", flat=True)
    )
    assert Operation.SIGN_IN in operations and Operation.SECOND_FACTOR in operations


def test_unknown_user_and_wrong_password_get_identical_answers(make_user):
    user = make_user()
    wrong = Client().post("/account/sign-in", {"email": user.email, "password": "nope"})
    unknown = Client().post(
        "/account/sign-in", {"email": "nobody@example.test", "password": "nope"}
    )
    assert wrong.status_code == unknown.status_code == 400

    def normalise(response) -> str:
        html = response.content.decode().replace(user.email, "").replace("nobody@example.test", "")
        html = re.sub(r'nonce="[^"]+"', "", html)
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert normalise(wrong) == normalise(unknown)
    assert "Enter a correct email address and password" in wrong.content.decode()
