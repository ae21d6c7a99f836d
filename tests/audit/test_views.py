"""The audit trail's own list page is a consultation (issue 13 item 5): one row per request."""

import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.audit.services import LIST_IDS_LIMIT, audit_list_consultation, audit_record

pytestmark = pytest.mark.django_db


def _list_rows():
    return AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="audit_event_list"
    ).order_by("sequence")


def test_each_request_of_the_audit_list_is_one_row_with_its_filters_and_ids(
    client_for, user_for_role
):
    admin = user_for_role(Role.SYSTEM_ADMIN)
    for n in range(3):
        audit_record(actor=admin, operation=Operation.ALTERATION, object_type="thing", object_id=n)
    client = client_for(admin)
    shown = list(AuditEvent.objects.filter(operation=Operation.ALTERATION).order_by("-sequence"))
    response = client.get(reverse("audit:list"), {"operation": Operation.ALTERATION})
    assert response.status_code == 200
    (row,) = _list_rows()
    assert row.actor_id == admin.pk
    assert row.detail["filters"]["operation"] == Operation.ALTERATION
    assert row.detail["ids"] == [str(e.pk) for e in shown]
    assert row.detail["shown"] == 3
    client.get(reverse("audit:list"))
    assert _list_rows().count() == 2


def test_the_ids_recorded_are_bounded(user_for_role):
    actor = user_for_role(Role.SYSTEM_ADMIN)
    row = audit_list_consultation(
        actor=actor, object_type="victim_list", ids=list(range(LIST_IDS_LIMIT + 50)), page="x"
    )
    assert len(row.detail["ids"]) == LIST_IDS_LIMIT
    assert row.detail["shown"] == LIST_IDS_LIMIT + 50
    assert row.detail["ids_truncated"] is True
