"""Resilience flags, one case each, and a register read in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.test import override_settings

from msht.accounts.roles import Role
from msht.people.models import PostKind
from msht.people.selectors import register as selectors
from msht.reference import dates

from .factories import area_post, holding, national_post, person

pytestmark = pytest.mark.django_db


def _flags(user, post):
    rows = {row.post.pk: row for row in selectors.register(user)}
    return sorted(flag.code for flag in rows[post.pk].flags)


@pytest.fixture
def national(make_user):
    return make_user(role=Role.NATIONAL_LEAD)


def test_shipped_posts_exist():
    assert national_post(PostKind.LEGAL_POLICY_ADVISER).pk
    assert area_post("WESSEX").pk


def test_a_post_never_recorded_is_vacant_without_deputy(national):
    post = area_post("WESSEX")
    assert _flags(national, post) == ["no_deputy", "vacant"]


def test_a_full_post_has_no_flags(national):
    post = area_post()
    holding(post, lead=person(), deputy=person())
    assert _flags(national, post) == []


def test_vacant_when_lead_empty_or_left(national):
    post = area_post()
    holding(post, lead=None, deputy=person())
    assert _flags(national, post) == ["vacant"]
    other = area_post("WESSEX")
    holding(other, lead=person(is_active=False), deputy=person())
    assert _flags(national, other) == ["vacant"]


def test_no_deputy(national):
    post = area_post()
    holding(post, lead=person())
    assert _flags(national, post) == ["no_deputy"]


def test_deputy_same_person(national):
    post = area_post()
    lead = person()
    holding(post, lead=lead, deputy=lead)
    assert _flags(national, post) == ["deputy_same"]


def test_deputy_left(national):
    post = area_post()
    holding(post, lead=person(), deputy=person(is_active=False))
    assert _flags(national, post) == ["deputy_left"]


@pytest.mark.parametrize(
    ("days", "successor", "flagged"),
    [(90, False, True), (91, False, False), (-5, False, True), (30, True, False)],
)
def test_planned_end_within_90_days_without_successor(national, days, successor, flagged):
    post = area_post()
    holding(
        post,
        lead=person(),
        deputy=person(),
        planned_end_on=dates.today() + timedelta(days=days),
        successor=person() if successor else None,
    )
    assert (_flags(national, post) == ["ending_no_successor"]) is flagged


@override_settings(PEOPLE_MAX_ROLES_PER_PERSON=2)
def test_more_than_n_roles_is_a_setting(national):
    busy = person()
    posts = [area_post(code) for code in ("LONDON-NORTH", "WESSEX", "NORTH-EAST")]
    holding(posts[0], lead=busy, deputy=person())
    holding(posts[1], lead=busy, deputy=person())
    assert _flags(national, posts[0]) == []  # 2 roles: not more than 2
    holding(posts[2], lead=person(), deputy=busy)  # 3 roles, one as deputy
    assert all(_flags(national, post) == ["too_many_roles"] for post in posts)
    rows = selectors.register(national)
    overloaded = selectors.overloaded_people(rows, selectors.role_counts(), 2)
    assert [(e["person"].pk, e["count"]) for e in overloaded] == [(busy.pk, 3)]


def test_default_limit_is_three(national):
    busy = person()
    codes = ("LONDON-NORTH", "WESSEX", "NORTH-EAST")
    for code in codes:
        holding(area_post(code), lead=busy, deputy=person())
    assert _flags(national, area_post("WESSEX")) == []
    holding(area_post("SOUTH-WEST"), lead=busy, deputy=person())
    assert _flags(national, area_post("WESSEX")) == ["too_many_roles"]


def test_ended_holdings_do_not_count(national):
    post = area_post()
    old = holding(post, lead=None)
    old.ended_on = dates.today()
    old.save()
    holding(post, lead=person(), deputy=person())
    assert _flags(national, post) == []


def test_area_lead_sees_own_area_only(make_user):
    head = make_user(role=Role.UNIT_HEAD)
    seen = {row.post.area.code if row.post.area else None for row in selectors.register(head)}
    assert seen == {"LONDON-NORTH"}
    assert selectors.register(make_user(role=Role.PROSECUTOR)) == []


def test_register_queries_do_not_grow_with_people(national, django_assert_max_num_queries):
    def fill(codes):
        for code in codes:
            holding(area_post(code), lead=person(), deputy=person(), successor=person())

    fill(["LONDON-NORTH"])
    with django_assert_max_num_queries(4):
        selectors.register(national)
    fill(["WESSEX", "NORTH-EAST", "SOUTH-WEST", "NORTH-WEST", "SOUTH-EAST"])
    with django_assert_max_num_queries(4):
        rows = selectors.register(national)
    assert len([r for r in rows if r.holding]) == 6
