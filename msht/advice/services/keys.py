"""Partner API keys: created by the system administrator for one force, shown once, stored as
a SHA-256 digest, revocable, expiring (decision 1201)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability, Role
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.dates import today
from msht.reference.models import PoliceForce

from ..models import PartnerApiKey
from .requests import AdviceRefused

TOKEN_PREFIX = "msht_"  # noqa: S105 - the visible start of a token, not a secret
MAX_DAYS = 366


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class KeyActor:
    """A partner API key acting as its force's police partner (for access and the audit)."""

    key: PartnerApiKey

    is_authenticated = True
    is_active = True
    role = Role.POLICE_PARTNER
    pk = None
    area_id = None

    @property
    def police_force_id(self) -> int:
        return self.key.police_force_id

    @property
    def police_force(self) -> PoliceForce:
        return self.key.police_force

    @property
    def email(self) -> str:
        return f"api-key:{self.key.prefix}"

    def __str__(self) -> str:  # the throttle's identity
        return f"partner-key-{self.key.pk}"


def api_key_create(
    *, actor: Any, police_force: PoliceForce | None, name: str, expires_on: date | None
) -> tuple[PartnerApiKey, str]:
    """A new key; the token is returned once and never stored."""
    if not access.can(actor, Capability.API_KEYS_MANAGE):
        raise AdviceRefused
    errors = {}
    name = (name or "").strip()
    if police_force is None:
        errors["police_force"] = "Select the police force the key is for"
    if not name:
        errors["name"] = "Enter a name for the key, like the system that will use it"
    elif len(name) > 100:
        errors["name"] = "The name must be 100 characters or fewer"
    if expires_on is None:
        errors["expires_on"] = "Enter the date the key expires"
    elif expires_on <= today():
        errors["expires_on"] = "The date the key expires must be in the future"
    elif (expires_on - today()).days > MAX_DAYS:
        errors["expires_on"] = "The date the key expires must be within a year"
    if errors:
        raise ValidationError(errors)
    assert police_force is not None and expires_on is not None  # checked above
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        key = PartnerApiKey.objects.create(
            police_force=police_force,
            name=name,
            prefix=token[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 8],
            token_sha256=token_digest(token),
            created_by=actor,
            expires_on=expires_on,
        )
        audit_record(
            actor=actor,
            operation=Operation.ACCOUNT,
            object_type="partner_api_key",
            object_id=key.pk,
            detail={"action": "created", "force": police_force.code, "prefix": key.prefix},
        )
    return key, token


def api_key_revoke(*, actor: Any, key: PartnerApiKey) -> PartnerApiKey:
    if not access.can(actor, Capability.API_KEYS_MANAGE):
        raise AdviceRefused
    with transaction.atomic():
        updated = PartnerApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor
        )
        if updated:
            audit_record(
                actor=actor,
                operation=Operation.ACCOUNT,
                object_type="partner_api_key",
                object_id=key.pk,
                detail={"action": "revoked", "prefix": key.prefix},
            )
    key.refresh_from_db()
    return key


def api_key_authenticate(token: str | None) -> PartnerApiKey | None:
    """The live key for a token, or None (unknown, revoked or expired)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    key = (
        PartnerApiKey.objects.select_related("police_force")
        .filter(token_sha256=token_digest(token), revoked_at__isnull=True, expires_on__gt=today())
        .first()
    )
    if key is not None:
        PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key
