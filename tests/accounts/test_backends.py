"""Sign-in timing: an unknown account costs the same password hash as a wrong password.

Issue 13 item 9. The test uses the real Argon2 hasher and the whole request stack (axes, the
sign-in page), interleaves the kinds of attempt so that load on a shared machine hits them
alike, and compares medians. It calibrates itself: a request the form refuses before any hash
(an email address in the wrong format) measures what a sign-in costs without a hash, so the
tolerance is a fraction of the hash's own cost, however fast or loaded the machine is. Without
the dummy hash, an unknown account would cost what the refused form costs, a whole hash less.
"""

import statistics
import time

import pytest
from django.test import Client, override_settings

from msht.accounts.backends import EmailPasswordBackend

pytestmark = pytest.mark.django_db
ARGON2 = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
TRIES = 15


def _timed_post(client: Client, attempt: int, email: str) -> float:
    # A fresh address per attempt keeps axes from locking the account out mid-measurement.
    address = f"10.9.{attempt // 200}.{attempt % 200 + 1}"
    started = time.perf_counter()
    response = client.post(
        "/account/sign-in", {"email": email, "password": "wrong-password"}, REMOTE_ADDR=address
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 400
    return elapsed


@override_settings(PASSWORD_HASHERS=ARGON2)
def test_unknown_account_takes_as_long_as_a_wrong_password(make_user):
    user = make_user()
    user.set_password("correct-horse-battery")  # hashed with Argon2, as in production
    user.save()
    client = Client()
    kinds = {"wrong password": user.email, "unknown": "nobody@example.test", "no hash": "x@"}
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for attempt in range(TRIES):
        for offset, (kind, email) in enumerate(kinds.items()):
            times[kind].append(_timed_post(client, attempt * 3 + offset, email))
    median = {kind: statistics.median(values) for kind, values in times.items()}
    hash_cost = median["wrong password"] - median["no hash"]
    assert hash_cost > 0.01, f"Argon2 should cost a measurable time: {median}"
    gap = abs(median["unknown"] - median["wrong password"])
    assert gap < 0.35 * hash_cost, f"unknown and wrong password differ: {median}"


@override_settings(PASSWORD_HASHERS=ARGON2)
def test_disabled_and_passwordless_accounts_are_refused_and_still_hash(make_user):
    disabled = make_user(is_active=False)
    disabled.set_password("correct-horse-battery")
    disabled.save()
    backend = EmailPasswordBackend()
    assert (
        backend.authenticate(None, username=disabled.email, password="correct-horse-battery")
        is None
    )
    passwordless = make_user()
    passwordless.set_unusable_password()
    passwordless.save()
    assert backend.authenticate(None, username=passwordless.email, password="anything") is None
    assert backend.authenticate(None, username=None, password="x") is None
    assert backend.authenticate(None, username="a@b.test", password="") is None


def test_sign_in_still_works_with_any_case_of_the_email(make_user):
    user = make_user()
    found = EmailPasswordBackend().authenticate(
        None, username=f"  {user.email.upper()}", password="correct-horse-battery"
    )
    assert found == user
