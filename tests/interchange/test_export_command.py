import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


def test_export_command_writes_visible_cases_and_records_a_disclosure(tmp_path, user_for_role):
    user = user_for_role(Role.PROSECUTOR)
    mine = make_case(area_code="LONDON-NORTH")
    make_case(area_code="WESSEX", force="44")
    target = tmp_path / "cases.csv"
    call_command(
        "export",
        str(target),
        "--as",
        user.email,
        "--recipient",
        "Police (Met)",
        "--purpose",
        "joint case review",
        stdout=io.StringIO(),
    )
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert any(mine.urn in ",".join(row) for row in rows[1:])
    assert len(rows) == 2  # header and the one visible case
    event = AuditEvent.objects.get(operation=Operation.DISCLOSURE, actor_id=user.pk)
    assert event.recipient == "Police (Met)" and event.reason == "joint case review"


def test_export_command_refuses_accounts_without_export(tmp_path, user_for_role):
    scrutiny = user_for_role(Role.SCRUTINY)
    with pytest.raises(CommandError, match="may export"):
        call_command(
            "export",
            str(tmp_path / "x.csv"),
            "--as",
            scrutiny.email,
            "--recipient",
            "r",
            "--purpose",
            "p",
        )
