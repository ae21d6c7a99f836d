"""Who reaches the victims pages: the role x object matrix, 404 for forbidden and missing alike."""

import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from tests.access import assert_access_matrix
from tests.cases.factories import make_case

from .factories import make_full_victim

pytestmark = pytest.mark.django_db

CASE_TEAM = {Role.PROSECUTOR, Role.PARALEGAL, Role.UNIT_HEAD, Role.CPS_DIRECT}
CASE_VIEWERS = CASE_TEAM | {Role.PERFORMANCE_MANAGER, Role.NATIONAL_LEAD}


@pytest.fixture
def full_victim():
    case = make_case(area_code="LONDON-NORTH")
    victim, records = make_full_victim(case=case)
    return case, victim, records


def test_victims_tab(full_victim, client_for, user_for_role):
    case, _, _ = full_victim
    assert_access_matrix(
        client_for, user_for_role, reverse("victims:case", args=[case.pk]), allowed=CASE_VIEWERS
    )


def test_victims_tab_of_another_area(client_for, user_for_role):
    case = make_case(area_code="LONDON-SOUTH")
    make_full_victim(case=case)
    assert_access_matrix(
        client_for,
        user_for_role,
        reverse("victims:case", args=[case.pk]),
        allowed={Role.CPS_DIRECT, Role.NATIONAL_LEAD},
    )


def test_reveal_endpoint(full_victim, client_for, user_for_role):
    _, victim, _ = full_victim
    assert_access_matrix(
        client_for, user_for_role, reverse("victims:reveal", args=[victim.pk]), allowed=CASE_TEAM
    )


def test_reveal_endpoint_for_another_area(client_for, user_for_role):
    victim, _ = make_full_victim(case=make_case(area_code="LONDON-SOUTH"))
    assert_access_matrix(
        client_for,
        user_for_role,
        reverse("victims:reveal", args=[victim.pk]),
        allowed={Role.CPS_DIRECT},
    )


@pytest.mark.parametrize("name", ["nrm", "engagement", "interpreter-request", "identity"])
def test_edit_pages(full_victim, client_for, user_for_role, name):
    _, victim, _ = full_victim
    assert_access_matrix(
        client_for, user_for_role, reverse(f"victims:{name}", args=[victim.pk]), allowed=CASE_TEAM
    )


def test_child_record_pages(full_victim, client_for, user_for_role):
    _, _, records = full_victim
    for name, obj in (
        ("special-measure-decide", records["application"]),
        ("interpreter-book", records["booking"]),
        ("review-outcome", records["review"]),
    ):
        assert_access_matrix(
            client_for, user_for_role, reverse(f"victims:{name}", args=[obj.pk]), allowed=CASE_TEAM
        )


def test_attention_list(full_victim, client_for, user_for_role):
    assert_access_matrix(
        client_for,
        user_for_role,
        reverse("victims:attention"),
        allowed=CASE_VIEWERS | {Role.QUALITY_REVIEWER},
    )


@pytest.mark.parametrize(
    "name",
    [
        "case",
        "reveal",
        "nrm",
        "special-measure-decide",
        "interpreter-outcome",
        "review-outcome",
        "letter",
    ],
)
def test_random_ids_are_404_for_the_case_team(full_victim, client_for, user_for_role, name):
    client = client_for(user_for_role(Role.CPS_DIRECT))
    for pk in (987_654_321, 0):
        assert client.get(reverse(f"victims:{name}", args=[pk])).status_code == 404


def test_reveal_post_outside_the_team_is_404_and_not_audited(
    full_victim, client_for, user_for_role
):
    _, victim, _ = full_victim
    for role in (Role.NATIONAL_LEAD, Role.PERFORMANCE_MANAGER, Role.SYSTEM_ADMIN):
        client = client_for(user_for_role(role))
        response = client.post(
            reverse("victims:reveal", args=[victim.pk]), {"reason": "Curious about this person"}
        )
        assert response.status_code == 404
    assert not AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="victim_identity"
    ).exists()


def test_viewing_the_tab_is_audited_as_a_consultation(full_victim, client_for, user_for_role):
    case, _, _ = full_victim
    client_for(user_for_role(Role.PROSECUTOR)).get(reverse("victims:case", args=[case.pk]))
    event = AuditEvent.objects.filter(operation=Operation.CONSULTATION, object_type="case").last()
    assert event.object_id == str(case.pk) and event.detail["page"] == "victims"
