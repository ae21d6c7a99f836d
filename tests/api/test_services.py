"""Reading the case list through the API is one consultation row: filters and ids shown.

Issue 13 item 5 for `/api/cases`. The row is bounded (a page holds at most 500 cases, the row at
most AUDIT_IDS_MAX ids) and names only what the user was shown, never out-of-scope cases.
"""

import pytest

from msht.accounts.roles import Role
from msht.api.services import AUDIT_IDS_MAX, case_list_consultation_record
from msht.audit.models import AuditEvent, Operation
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


def _consultations(user):
    return AuditEvent.objects.filter(operation=Operation.CONSULTATION, actor_id=user.pk)


def test_a_list_read_is_one_consultation_with_filters_and_ids_shown(client_for, user_for_role):
    mine = [make_case(area_code="LONDON-NORTH") for _ in range(3)]
    make_case(area_code="WESSEX", force="44")
    user = user_for_role(Role.PROSECUTOR)
    response = client_for(user).get("/api/cases?limit=2&area=LONDON-NORTH")
    assert response.status_code == 200
    shown = [item["id"] for item in response.json()["items"]]
    assert len(shown) == 2 and response.json()["count"] == 3
    rows = list(_consultations(user))
    assert len(rows) == 1
    detail = rows[0].detail
    assert rows[0].object_type == "case"
    assert detail["ids"] == shown
    assert detail["filters"] == {"area": "LONDON-NORTH", "limit": "2", "offset": "0"}
    assert detail["shown"] == 2 and detail["total"] == 3
    assert set(shown) <= {case.pk for case in mine}


def test_a_refused_list_writes_no_consultation(client_for, user_for_role):
    user = user_for_role(Role.HUB_EDITOR)
    assert client_for(user).get("/api/cases").status_code == 404
    assert not _consultations(user).exists()


def test_the_row_is_bounded(user_for_role):
    user = user_for_role(Role.NATIONAL_LEAD)
    ids = list(range(1, AUDIT_IDS_MAX + 50))
    case_list_consultation_record(
        actor=user, filters={"urn": "x" * 1000, "status": None}, case_ids=ids, total=len(ids)
    )
    detail = _consultations(user).get().detail
    assert len(detail["ids"]) == AUDIT_IDS_MAX and detail["shown"] == len(ids)
    assert detail["filters"] == {"urn": "x" * 100}


def test_no_actor_is_refused():
    with pytest.raises(ValueError, match="signed-in user"):
        case_list_consultation_record(actor=None, filters={}, case_ids=[], total=0)


def test_list_queries_do_not_grow_with_the_data(
    client_for, user_for_role, django_assert_max_num_queries
):
    client = client_for(user_for_role(Role.NATIONAL_LEAD))
    for _ in range(3):
        make_case(area_code="LONDON-NORTH")
    with django_assert_max_num_queries(20) as few:
        assert client.get("/api/cases").status_code == 200
    for _ in range(20):
        make_case(area_code="WESSEX", force="44")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/cases").status_code == 200
