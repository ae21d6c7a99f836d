"""A flushed test database gets its audit triggers and reference data back (post_migrate)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from msht.audit import triggers
from msht.audit.services import audit_record
from msht.reference.models import Area


@pytest.mark.django_db(transaction=True)
def test_flush_restores_triggers_and_reference_data():
    audit_record(actor=None, operation="consultation")
    triggers.remove(connection)
    call_command("flush", interactive=False, verbosity=0)
    assert Area.objects.filter(kind="area").count() == 14
    audit_record(actor=None, operation="consultation")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
