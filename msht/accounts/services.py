"""Writes for accounts: creating, disabling, and enrolling a second factor."""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from msht.audit.models import Operation
from msht.audit.services import audit_record

from .models import User
from .roles import AREA_ROLES, Role

BACKUP_DEVICE_NAME = "backup"
TOTP_DEVICE_NAME = "authenticator"


def user_create(
    *,
    email: str,
    full_name: str,
    role: str,
    password: str | None = None,
    area=None,
    unit=None,
    police_force=None,
    handles_complex_casework: bool = False,
    acting_user: Any = None,
) -> User:
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role from the list."})
    if role in AREA_ROLES and area is None:
        raise ValidationError({"area": f"A {Role(role).label.lower()} must belong to an Area."})
    if role == Role.POLICE_PARTNER and police_force is None:
        raise ValidationError({"police_force": "A police partner must belong to a force."})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "An account with this email address already exists."})
    with transaction.atomic():
        user = User.objects.create_user(
            email,
            password,
            full_name=full_name,
            role=role,
            area=area,
            unit=unit,
            police_force=police_force,
            handles_complex_casework=handles_complex_casework,
        )
        audit_record(
            actor=acting_user,
            operation=Operation.ACCOUNT,
            object_type="user",
            object_id=user.pk,
            detail={"action": "created", "role": role},
        )
    return user


def first_password() -> str:
    """A random first password for a new account, shown once to the administrator."""
    return secrets.token_urlsafe(12)


def user_disable(*, user: User, acting_user: Any, reason: str) -> None:
    """Disable an account and end all of its sessions at once."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        _end_sessions(user)
        audit_record(
            actor=acting_user,
            operation=Operation.ACCOUNT,
            object_type="user",
            object_id=user.pk,
            reason=reason,
            detail={"action": "disabled"},
        )


def user_enable(*, user: User, acting_user: Any, reason: str) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        audit_record(
            actor=acting_user,
            operation=Operation.ACCOUNT,
            object_type="user",
            object_id=user.pk,
            reason=reason,
            detail={"action": "enabled"},
        )


def _end_sessions(user: User) -> None:
    # Sessions are signed blobs in the database; decoding each is the only way to find a
    # user's. The account is also refused by the auth backend once inactive, so a session
    # missed here (for example one being written concurrently) still cannot be used.
    user_key = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_key:
            session.delete()


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the enrolment page (replaces any earlier attempt)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            operation=Operation.SECOND_FACTOR,
            object_type="user",
            object_id=user.pk,
            detail={"action": "authenticator enrolled"},
        )
    return True


def backup_codes_generate(*, user: User) -> list[str]:
    """Replace the user's single-use backup codes; the plain codes are shown once."""
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(settings.BACKUP_CODE_COUNT)]
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
        audit_record(
            actor=user,
            operation=Operation.SECOND_FACTOR,
            object_type="user",
            object_id=user.pk,
            detail={"action": "backup codes issued"},
        )
    return codes


def has_confirmed_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
