"""R5: every role x every case page x in scope / out of scope / missing gives 200 or 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from msht.accounts.roles import Role
from msht.cases import services
from msht.cases.selectors import cases_visible_to

from ..access import assert_access_matrix
from .factories import make_case, make_charged_case

pytestmark = pytest.mark.django_db

VIEWERS = {
    Role.PROSECUTOR,
    Role.PARALEGAL,
    Role.UNIT_HEAD,
    Role.CPS_DIRECT,
    Role.PERFORMANCE_MANAGER,
    Role.NATIONAL_LEAD,
}
EDITORS = {Role.PROSECUTOR, Role.PARALEGAL, Role.UNIT_HEAD, Role.CPS_DIRECT}
NATIONAL_VIEWERS = {Role.CPS_DIRECT, Role.NATIONAL_LEAD}

VIEW_PAGES = ["", "timeline", "suspects", "allocation", "s45", "orders"]
EDIT_PAGES = [
    "edit",
    "milestones/referral",
    "milestones/charging-decision",
    "milestones/finalisation",
    "suspects/new",
    "orders/new",
    "suspects/{did}/charges/new",
    "suspects/{did}/sentence",
    "s45/{did}",
    "charges/{cid}",
]


def _case_with_people(**kwargs):
    case = make_charged_case(**kwargs)
    defendant = services.defendant_add(actor=None, case=case, reference="D1")
    from msht.reference.models import Offence

    charge = services.charge_add(
        actor=None,
        defendant=defendant,
        offence=Offence.objects.get(code="MSA-S2"),
        charged_on=case.charge_date,
    )
    return case, defendant, charge


def _url(case, page, defendant, charge):
    return f"/cases/{case.pk}/" + page.format(did=defendant.pk, cid=charge.pk)


@pytest.mark.parametrize("page", VIEW_PAGES)
def test_case_view_pages(client_for, user_for_role, page):
    own, d, c = _case_with_people()
    other, od, oc = _case_with_people(area_code="WESSEX", force="54")
    assert_access_matrix(client_for, user_for_role, _url(own, page, d, c), allowed=VIEWERS)
    assert_access_matrix(
        client_for, user_for_role, _url(other, page, od, oc), allowed=NATIONAL_VIEWERS
    )
    assert_access_matrix(client_for, user_for_role, f"/cases/987654/{page}", allowed=set())


@pytest.mark.parametrize("page", EDIT_PAGES)
def test_case_edit_pages(client_for, user_for_role, page):
    own, d, c = _case_with_people()
    other, od, oc = _case_with_people(area_code="WESSEX", force="54")
    assert_access_matrix(client_for, user_for_role, _url(own, page, d, c), allowed=EDITORS)
    assert_access_matrix(
        client_for, user_for_role, _url(other, page, od, oc), allowed={Role.CPS_DIRECT}
    )
    # A defendant or charge of another case through this case's URL is missing too.
    mixed = f"/cases/{own.pk}/" + page.format(did=od.pk, cid=oc.pk)
    if "{" in page:
        assert_access_matrix(client_for, user_for_role, mixed, allowed=set())


def test_allocation_post_matrix(client_for, user_for_role):
    own = make_case()
    for role in Role.values:
        client = client_for(user_for_role(role))
        response = client.post(f"/cases/{own.pk}/allocation", {"version": 999, "unit": "CCU"})
        expected = 400 if role in {Role.UNIT_HEAD, Role.NATIONAL_LEAD} else 404
        assert response.status_code == expected, role


def test_list_and_criteria_pages(client_for, user_for_role):
    make_case()
    viewers = VIEWERS | {Role.QUALITY_REVIEWER}  # an empty list until reviews are assigned
    assert_access_matrix(client_for, user_for_role, "/cases/", allowed=viewers)
    assert_access_matrix(client_for, user_for_role, "/cases/criteria/", allowed=viewers)
    assert_access_matrix(
        client_for, user_for_role, "/cases/criteria/new", allowed={Role.NATIONAL_LEAD}
    )
    assert_access_matrix(client_for, user_for_role, "/cases/new", allowed=EDITORS)


def test_selector_scopes(user_for_role):
    own = make_case()
    other = make_case(area_code="WESSEX", force="54")
    expectations = {
        Role.PROSECUTOR: {own.pk},
        Role.PARALEGAL: {own.pk},
        Role.UNIT_HEAD: {own.pk},
        Role.PERFORMANCE_MANAGER: {own.pk},
        Role.CPS_DIRECT: {own.pk, other.pk},
        Role.NATIONAL_LEAD: {own.pk, other.pk},
    }
    for role in Role.values:
        seen = set(cases_visible_to(user_for_role(role)).values_list("pk", flat=True))
        assert seen == expectations.get(role, set()), role


def test_inactive_user_sees_nothing(user_for_role):
    make_case()
    user = user_for_role(Role.NATIONAL_LEAD, is_active=False)
    assert not cases_visible_to(user).exists()


# --- No N+1 --------------------------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow(client_for, user_for_role):
    client = client_for(user_for_role(Role.PROSECUTOR))
    for _ in range(3):
        make_case()
    few = _count(client, "/cases/")
    for _ in range(30):
        make_case()
    assert _count(client, "/cases/") == few
    assert _count(client, "/cases/?page=2&sort=urn") == few


def test_case_pages_query_count_does_not_grow(client_for, user_for_role):
    client = client_for(user_for_role(Role.PROSECUTOR))
    case, _, _ = _case_with_people()
    counts = {page: _count(client, f"/cases/{case.pk}/{page}") for page in VIEW_PAGES}
    for n in range(2, 8):
        d = services.defendant_add(actor=None, case=case, reference=f"D{n}")
        services.charge_add(
            actor=None, defendant=d, offence=d.case.principal_offence, charged_on=case.charge_date
        )
        services.order_record(
            actor=None,
            case=case,
            kind="prevention",
            result="applied",
            applied_on=case.charge_date,
            defendant=d,
        )
    for page in VIEW_PAGES:
        assert _count(client, f"/cases/{case.pk}/{page}") == counts[page], page
