"""Fixtures every test can use: users per role, signed-in clients, the access matrix."""

import time

import pytest
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from msht.accounts.middleware import SIGNED_IN_AT
from msht.accounts.roles import Role
from msht.audit import triggers

from .factories import UserFactory

ALL_ROLES = list(Role.values)


def sign_in(client: Client, user) -> Client:
    """Sign a user in with a passed second factor, as the sign-in pages would."""
    client.force_login(user)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SIGNED_IN_AT] = time.time()
    session.save()
    return client


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def client_for(db):
    """client_for(user) -> a fresh, signed-in, second-factor-verified Client."""

    def build(user) -> Client:
        return sign_in(Client(), user)

    return build


@pytest.fixture
def user_for_role(db):
    """user_for_role(role, **overrides) -> a user of that role in the default Area."""

    def build(role: str, **overrides):
        return UserFactory(role=role, **overrides)

    return build


@pytest.fixture(autouse=True)
def _transactional_audit_tables(request):
    """Tests that commit (live server, real threads) end with a flush: let it through.

    Flushing deletes every row, which the audit trail's triggers refuse, so they are dropped
    after such a test. The flush then emits post_migrate, on which the audit and reference apps
    put the triggers and the reference catalogue back for the tests that follow.
    """
    marker = request.node.get_closest_marker("django_db")
    marked = bool(marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
    fixtures = request.fixturenames
    if not (marked or "transactional_db" in fixtures or "live_server" in fixtures):
        yield
        return
    # Set up the database fixture first, so it is torn down (flushed) after this one.
    request.getfixturevalue("_django_db_helper" if marked else "transactional_db")
    yield
    triggers.remove(connection)


from .browser_support import browser, page  # noqa: E402, F401  (fixtures for browser tests)
