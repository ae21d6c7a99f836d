"""Reads of victims' pages are in the audit trail (issue 13 item 5): one row per request."""

from datetime import timedelta

import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.victims import services
from tests.cases.factories import make_case

from .factories import make_victim, today

pytestmark = pytest.mark.django_db


def test_the_attention_list_records_the_victims_it_shows_and_its_filter(client_for, user_for_role):
    user = user_for_role(Role.PROSECUTOR)
    case = make_case(area_code=user.area.code)
    victim = make_victim(case=case, actor=user)
    services.interpreter_request(
        actor=user,
        victim=victim,
        kind="interpreter",
        language="sqi",
        purpose="interview",
        requested_on=today(),
        needed_by=today() + timedelta(days=2),
    )
    client = client_for(user)
    response = client.get(reverse("victims:attention"), {"area": user.area.code})
    assert response.status_code == 200

    def rows():
        return AuditEvent.objects.filter(
            operation=Operation.CONSULTATION, object_type="victim_list"
        )

    (row,) = rows()
    assert row.detail["ids"] == [str(victim.pk)]
    assert row.detail["filters"] == {"area": user.area.code}
    client.get(reverse("victims:attention"))
    assert rows().count() == 2


def test_opening_the_letters_page_of_a_person_is_a_consultation(client_for, user_for_role):
    user = user_for_role(Role.PROSECUTOR)
    victim = make_victim(case=make_case(area_code=user.area.code), actor=user)
    response = client_for(user).get(reverse("victims:letter", args=[victim.pk]))
    assert response.status_code == 200
    row = AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="victim", object_id=str(victim.pk)
    ).get()
    assert row.detail["action"] == "viewed"
