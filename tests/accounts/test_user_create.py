"""The system administrator creates an account; the person signs in with the first password
and is sent to set up their authenticator."""

import pytest
from django.test import Client

from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.reference.models import Area, Unit

pytestmark = pytest.mark.django_db


def test_admin_creates_an_account_and_the_person_enrols_at_first_sign_in(client_for, make_user):
    admin = make_user(role=Role.SYSTEM_ADMIN)
    area, unit = Area.objects.get(code="WESSEX"), Unit.objects.get(code="CCU")
    response = client_for(admin).post(
        "/account/users/new",
        {
            "email": "New.Person@Example.test",
            "full_name": "New Person",
            "role": Role.PROSECUTOR,
            "area": area.pk,
            "unit": unit.pk,
            "handles_complex_casework": "on",
        },
    )
    assert response.status_code == 200
    password = response.context["password"]
    created = User.objects.get(email="new.person@example.test")
    assert (created.area, created.unit, created.handles_complex_casework) == (area, unit, True)
    assert password in response.content.decode()
    assert AuditEvent.objects.filter(
        operation=Operation.ACCOUNT, object_id=str(created.pk), actor_id=admin.pk
    ).exists()

    person = Client()
    signed = person.post("/account/sign-in", {"email": created.email, "password": password})
    assert signed.status_code == 302
    assert person.get("/account/two-factor").url == "/account/two-factor/set-up"
    assert person.get("/people/enquiries/").status_code == 302  # nothing before the second factor


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "email", "Enter the email address"),
        ({"email": "x"}, "email", "Enter an email address in the correct format"),
        ({"role": "wizard"}, "role", "Select the role"),
        (
            {"role": Role.PROSECUTOR, "email": "a@b.test", "full_name": "A"},
            "area",
            "must belong to an Area",
        ),
    ],
)
def test_bad_input_names_the_field(client_for, make_user, data, field, message):
    response = client_for(make_user(role=Role.SYSTEM_ADMIN)).post("/account/users/new", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(email="a@b.test").exists()


def test_duplicate_email_refused(client_for, make_user):
    existing = make_user()
    response = client_for(make_user(role=Role.SYSTEM_ADMIN)).post(
        "/account/users/new",
        {"email": existing.email.upper(), "full_name": "B", "role": Role.HUB_EDITOR},
    )
    assert response.status_code == 400
    assert "An account with this email address already exists" in response.content.decode()
