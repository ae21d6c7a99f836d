"""What every case service shares: optimistic locking of the case, its events, its audit rows.

Every change to a case bumps `Case.version` with ``UPDATE ... WHERE id = ? AND version = ?``;
callers that showed the user a form pass the version the form was built from as
`expected_version`, and a save made from a stale form is refused with `CaseConflict` and writes
nothing. Works the same on SQLite and PostgreSQL.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from msht.audit.services import audit_record

from ..models import (
    Case,
    CaseEvent,
)

CONFLICT_MESSAGE = (
    "Someone else saved changes to this case after you opened it, so your changes have not "
    "been saved. Open the case again to see the latest details, then make your changes again."
)


class CaseConflict(ValidationError):
    """A save made from a stale copy of the case (optimistic locking)."""

    def __init__(self, message: str = CONFLICT_MESSAGE):
        super().__init__(message, code="conflict")


def lock_case(case: Case, expected_version: int | None) -> Case:
    """Inside a transaction: the case as it is now, locked; refuse if the caller's copy is stale."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise CaseConflict()
    return current


def save_case(case: Case, fields: dict[str, Any]) -> Case:
    """Write `fields` and bump the version, only if nobody else has meanwhile (0 rows: conflict)."""
    now = timezone.now()
    updated = Case.objects.filter(pk=case.pk, version=case.version).update(
        version=F("version") + 1, updated_at=now, **fields
    )
    if updated != 1:
        raise CaseConflict()
    for name, value in fields.items():
        setattr(case, name, value)
    case.version += 1
    case.updated_at = now
    return case


def touch_case(case: Case, expected_version: int | None) -> Case:
    """Changes below a case also bump its version, so a stale case page cannot overwrite them."""
    current = lock_case(case, expected_version)
    return save_case(current, {})


def event_add(case: Case, kind: str, occurred_on: date, actor: Any, **details: Any) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        details=details,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def audit(actor: Any, operation: str, object_type: str, object_id: Any, **detail: Any) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )


def require_value(value: Any, key: str, message: str) -> None:
    if value in (None, ""):
        raise ValidationError({key: message})
