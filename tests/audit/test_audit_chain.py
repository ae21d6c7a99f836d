"""The audit trail is append-only, hash-chained, and its verifier names the first broken row."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from msht.audit import triggers
from msht.audit.models import AuditEvent, Operation
from msht.audit.selectors import audit_chain_verify
from msht.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _events(n: int = 5) -> list[AuditEvent]:
    return [
        audit_record(
            actor=None,
            operation=Operation.CONSULTATION,
            object_type="case",
            object_id=i,
            reason="test",
        )
        for i in range(n)
    ]


def _run_verify() -> tuple[int, str]:
    try:
        call_command("audit", "verify")
    except SystemExit as exit_:
        return int(exit_.code), ""
    return 0, ""


def test_chain_of_new_rows_verifies():
    events = _events()
    assert [e.sequence for e in events] == [1, 2, 3, 4, 5]
    assert events[1].prev_hash == events[0].hash
    verdict = audit_chain_verify()
    assert verdict.ok and verdict.checked == 5 and verdict.head_hash == events[-1].hash
    assert _run_verify()[0] == 0


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET reason = 'x'", "DELETE FROM audit_auditevent"]
)
def test_triggers_refuse_update_and_delete(statement):
    _events(2)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 2


def test_orm_update_is_refused_too():
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="edited")


def _behind_the_back(sql: str, params=()) -> None:
    """Change the table as an attacker with database access would: triggers dropped first."""
    triggers.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        triggers.install(connection)


def test_edited_row_is_named(capsys):
    _events(5)
    _behind_the_back("UPDATE audit_auditevent SET object_id = '999' WHERE sequence = 3")
    verdict = audit_chain_verify()
    assert not verdict.ok and verdict.broken_sequence == 3 and "edited" in verdict.problem
    code, _ = _run_verify()
    assert code == 1
    assert "sequence 3" in capsys.readouterr().err


def test_deleted_row_is_named():
    _events(5)
    _behind_the_back("DELETE FROM audit_auditevent WHERE sequence = 2")
    verdict = audit_chain_verify()
    assert not verdict.ok and verdict.broken_sequence == 2 and "missing" in verdict.problem


def test_deleted_last_row_changes_head_hash():
    events = _events(3)
    _behind_the_back("DELETE FROM audit_auditevent WHERE sequence = 3")
    verdict = audit_chain_verify()
    # A truncated tail is a valid shorter chain; the head hash kept elsewhere shows it.
    assert verdict.ok and verdict.head_hash == events[1].hash != events[2].hash


def test_reordered_rows_are_named():
    _events(4)
    # Swap the contents of rows 2 and 3 (keeping sequence numbers): a reorder.
    rows = {r["sequence"]: r for r in AuditEvent.objects.values()}
    _behind_the_back("DELETE FROM audit_auditevent WHERE sequence IN (2, 3)")
    triggers.remove(connection)
    try:
        for seq, source in ((2, rows[3]), (3, rows[2])):
            AuditEvent.objects.create(**{**source, "sequence": seq})
    finally:
        triggers.install(connection)
    verdict = audit_chain_verify()
    assert not verdict.ok and verdict.broken_sequence == 2


def test_unknown_operation_is_refused():
    with pytest.raises(ValueError):
        audit_record(actor=None, operation="peek")
    assert AuditEvent.objects.count() == 0
