"""Identifying details are encrypted at rest; a database copy without the key reveals nobody."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent
from msht.victims import crypto, services
from msht.victims.models import Victim

from .factories import SECRETS, make_victim

pytestmark = pytest.mark.django_db


def raw_rows() -> list[tuple]:
    """Every column of every victim row, read with plain SQL as a stolen copy would be."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Victim._meta.db_table}")  # noqa: S608
        return cursor.fetchall()


def raw_database_text() -> str:
    return " ".join(str(value) for row in raw_rows() for value in row)


def test_raw_column_holds_no_plaintext():
    make_victim()
    text = raw_database_text()
    assert text  # the row is there
    for secret in SECRETS:
        assert secret not in text
    token = Victim.objects.get().identity_ciphertext
    assert token.startswith("gAAAAA")  # a Fernet token


def test_no_identity_in_the_audit_trail_either():
    make_victim()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {AuditEvent._meta.db_table}")  # noqa: S608
        text = " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert not any(secret in text for secret in SECRETS)


def test_without_the_key_the_copy_reveals_nobody(settings, user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(actor=prosecutor)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.IdentityUnreadable):
        services.victim_identity_reveal(
            actor=prosecutor, victim=victim, reason="Reading with the wrong key"
        )


def test_rotation_re_encrypts_and_keeps_data_readable(settings, user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    victims = [make_victim(actor=prosecutor) for _ in range(3)]
    make_victim(actor=prosecutor, identity=False)  # nothing to rotate
    before = {v.pk: Victim.objects.get(pk=v.pk).identity_ciphertext for v in victims}

    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate_keys", "--batch-size", "2", stdout=out)
    assert "Re-encrypted 3 identities" in out.getvalue()

    for victim in victims:
        token = Victim.objects.get(pk=victim.pk).identity_ciphertext
        assert token != before[victim.pk]
        Fernet(new_key).decrypt(token.encode())  # readable with the new key alone
    # The old key can now be removed.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    identity = services.victim_identity_reveal(
        actor=prosecutor, victim=victims[0], reason="Checking rotation kept the data"
    )
    assert identity["name"] == SECRETS[0]
    assert not any(secret in raw_database_text() for secret in SECRETS)


def test_rotation_without_the_old_key_changes_nothing(settings):
    victim = make_victim()
    before = Victim.objects.get(pk=victim.pk).identity_ciphertext
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("rotate_keys", stdout=io.StringIO())
    assert Victim.objects.get(pk=victim.pk).identity_ciphertext == before


def test_new_key_is_a_fernet_key():
    out = io.StringIO()
    call_command("rotate_keys", "--new-key", stdout=out)
    Fernet(out.getvalue().strip())


def test_missing_keys_are_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
        make_victim()
