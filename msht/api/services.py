"""Writes for the API: the consultation record of a list read (DPA 2018 s62)."""

from typing import Any

from django.db import transaction

from msht.audit.models import Operation
from msht.audit.services import audit_record

# A page holds at most 500 cases; the record keeps this many ids and says how many were shown.
AUDIT_IDS_MAX = 500
AUDIT_FILTER_CHARS = 100


def case_list_consultation_record(
    *, actor: Any, filters: dict[str, Any], case_ids: list[int], total: int
) -> None:
    """One consultation row per request: the filters used and the ids of the cases shown."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise ValueError("A consultation needs the signed-in user who made it.")
    used = {
        key: str(value)[:AUDIT_FILTER_CHARS]
        for key, value in filters.items()
        if value not in (None, "")
    }
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            object_type="case",
            detail={
                "page": "api.cases",
                "filters": used,
                "ids": case_ids[:AUDIT_IDS_MAX],
                "shown": len(case_ids),
                "total": total,
            },
        )
