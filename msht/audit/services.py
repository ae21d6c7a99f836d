"""Writing to the audit trail. Call inside the transaction of the change being audited."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .chain import GENESIS, row_hash
from .models import AuditEvent, Operation

# One process-wide lock number: on PostgreSQL appends to the chain take turns.
_CHAIN_LOCK = 6_200_062


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    # SQLite: writes run in BEGIN IMMEDIATE transactions, so the writer already holds the lock.


def audit_record(
    *,
    actor: Any,
    operation: str,
    object_type: str = "",
    object_id: Any = "",
    reason: str = "",
    recipient: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event. `detail` holds identifiers and counts only, never personal data."""
    if operation not in Operation.values:
        raise ValueError(f"Unknown audit operation {operation!r}")
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        fields = {
            "sequence": (last["sequence"] + 1) if last else 1,
            "occurred_at": timezone.now(),
            "actor_id": actor.pk if authenticated else None,
            "actor_label": actor.email if authenticated else "",
            "operation": operation,
            "object_type": object_type,
            "object_id": str(object_id) if object_id not in (None, "") else "",
            "reason": reason[:500],
            "recipient": recipient[:254],
            "detail": detail or {},
        }
        prev_hash = last["hash"] if last else GENESIS
        return AuditEvent.objects.create(
            prev_hash=prev_hash, hash=row_hash(prev_hash, fields), **fields
        )


# A list page records at most this many of the ids it shows (the count is always recorded).
LIST_IDS_LIMIT = 200


def audit_list_consultation(
    *,
    actor: Any,
    object_type: str,
    ids: Sequence[Any],
    filters: Mapping[str, Any] | None = None,
    page: str = "",
) -> AuditEvent:
    """One consultation row for one request of a list page: its filters and the ids it shows.

    `object_type` names what the list shows ("victim_list", "audit_event_list"). The ids are
    bounded by LIST_IDS_LIMIT; `shown` always says how many rows the page showed.
    """
    chosen = {
        key: value for key, value in (filters or {}).items() if value not in ("", None, [], ())
    }
    detail: dict[str, Any] = {
        "page": page,
        "filters": {key: str(value)[:200] for key, value in chosen.items()},
        "ids": [str(i) for i in ids[:LIST_IDS_LIMIT]],
        "shown": len(ids),
    }
    if len(ids) > LIST_IDS_LIMIT:
        detail["ids_truncated"] = True
    return audit_record(
        actor=actor, operation=Operation.CONSULTATION, object_type=object_type, detail=detail
    )
