"""Encryption at rest for identifying details, with keys from settings.

`settings.FIELD_ENCRYPTION_KEYS` lists Fernet keys, newest first. The newest key encrypts; every
key decrypts, so a key can be rotated by adding a new one at the front and running
`msht rotate_keys`, which re-encrypts every stored identity with the new key. Only
`msht.victims.services.victim_identity_reveal` (which checks access and writes the audit event)
and the rotation command call `decrypt`.
"""

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class IdentityUnreadable(Exception):
    """The stored identity cannot be decrypted with any configured key."""


def _keys() -> list[str]:
    keys = [key for key in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if key]
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: set at least one Fernet key to store or read "
            "victims' identifying details (see docs/encryption.md)."
        )
    return keys


def cipher() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in _keys()])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a key that is not a Fernet key (32 url-safe base64 "
            "bytes); generate one with `msht rotate_keys --new-key`."
        ) from error


def encrypt(values: dict[str, Any]) -> str:
    """One token for a dictionary of identifying details; empty values give an empty token."""
    cleaned = {key: value for key, value in values.items() if value not in (None, "")}
    if not cleaned:
        return ""
    payload = json.dumps(cleaned, sort_keys=True, default=str).encode()
    return cipher().encrypt(payload).decode("ascii")


def decrypt(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        return json.loads(cipher().decrypt(token.encode("ascii")))
    except InvalidToken as error:
        raise IdentityUnreadable(
            "This identity was encrypted with a key that is no longer configured."
        ) from error


def rotate(token: str) -> str:
    """The same identity encrypted with the newest key."""
    if not token:
        return ""
    try:
        return cipher().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise IdentityUnreadable(
            "A stored identity cannot be decrypted with any configured key."
        ) from error


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")
