import pytest
from django.http import Http404

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import CAPABILITIES, CASE_SCOPES, NO_IDENTITY_ROLES, CaseScope, Role
from msht.audit.models import AuditEvent, Operation

pytestmark = pytest.mark.django_db


def test_every_role_has_capabilities_and_a_case_scope():
    assert set(CAPABILITIES) == set(Role.values) == set(CASE_SCOPES)


def test_inactive_and_anonymous_users_can_do_nothing(make_user):
    from django.contrib.auth.models import AnonymousUser

    user = make_user(role=Role.NATIONAL_LEAD, is_active=False)
    assert not access.can(user, "case.view")
    assert access.case_scope(user) == CaseScope.NONE
    assert not access.can(AnonymousUser(), "case.view")


@pytest.mark.parametrize("role", Role.values)
def test_analysts_and_partners_never_see_identities(make_user, role):
    user = make_user(role=role)
    assert access.sees_identities(user) == (
        role in {Role.PROSECUTOR, Role.PARALEGAL, Role.UNIT_HEAD, Role.CPS_DIRECT}
    )
    if role in NO_IDENTITY_ROLES:
        assert not access.sees_identities(user)


def test_scope_filter_limits_own_area_roles_to_their_area(make_user):
    prosecutor = make_user(role=Role.PROSECUTOR)
    national = make_user(role=Role.NATIONAL_LEAD)
    police = make_user(role=Role.POLICE_PARTNER)
    users = User.objects.all()
    assert str(access.scope_filter(prosecutor)) == str(
        access.scope_filter(prosecutor, area_field="area")
    )
    assert users.filter(access.scope_filter(national)).count() == users.count()
    assert users.filter(access.scope_filter(police)).count() == 0
    in_area = users.filter(access.scope_filter(prosecutor)).values_list("area_id", flat=True)
    assert set(in_area) == {prosecutor.area_id}


def test_refusals_are_404_and_audited(make_user):
    prosecutor = make_user(role=Role.PROSECUTOR)
    with pytest.raises(Http404):
        access.require(prosecutor, "users.manage")
    event = AuditEvent.objects.get(operation=Operation.REFUSAL)
    assert event.actor_id == prosecutor.pk and event.detail == {"capability": "users.manage"}


def test_out_of_scope_record_is_404_like_a_missing_one_and_audited(make_user):
    other = make_user(role=Role.PROSECUTOR)
    scoped = User.objects.filter(pk=-1)  # nothing in scope
    with pytest.raises(Http404):
        access.get_visible_or_404(scoped, pk=other.pk)  # exists, out of scope
    with pytest.raises(Http404):
        access.get_visible_or_404(scoped, pk=999_999)  # missing
    with pytest.raises(Http404):
        access.get_visible_or_404(scoped, pk="not-a-number")
    refusals = AuditEvent.objects.filter(operation=Operation.REFUSAL)
    assert refusals.count() == 1 and refusals.get().object_id == str(other.pk)
