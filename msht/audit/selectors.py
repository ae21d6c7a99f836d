from django.db.models import QuerySet

from msht.accounts import access
from msht.accounts.roles import Capability

from .chain import Verdict, verify
from .models import AuditEvent


def audit_events_visible_to(user) -> QuerySet[AuditEvent]:
    """System administrators and national leads see all; unit heads see their Area's staff."""
    if not access.can(user, Capability.AUDIT_VIEW):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(access.audit_events_q(user))


def audit_chain_verify() -> Verdict:
    rows = AuditEvent.objects.order_by("sequence").values().iterator(chunk_size=5000)
    return verify(rows)


def audit_head_hash() -> str:
    last = AuditEvent.objects.order_by("-sequence").values_list("hash", flat=True).first()
    return last or ""
