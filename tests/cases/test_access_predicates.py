"""The case predicates of the one access door (msht/accounts/access.py, cases section)."""

import pathlib
import re

import pytest

from msht.accounts import access
from msht.cases.models import Case
from msht.reference.models import Area

pytestmark = pytest.mark.django_db


def test_no_actor_may_not_act_the_system_may(user_for_role):
    london = Area.objects.get(code="LONDON-NORTH")
    wessex = Area.objects.get(code="WESSEX")
    assert not access.may_act_on_area(None, london.pk)
    assert access.may_act_on_area(access.SYSTEM, london.pk)
    prosecutor = user_for_role("prosecutor")
    assert access.may_act_on_area(prosecutor, london.pk)
    assert not access.may_act_on_area(prosecutor, wessex.pk)
    assert access.may_act_on_area(user_for_role("national_lead"), wessex.pk)
    assert not access.may_act_on_area(user_for_role("hub_editor"), london.pk)
    # The system reads nothing through the scope door: it is for writes run on purpose.
    assert access.case_scope(access.SYSTEM) == "none"


def test_lawyers_and_paralegals_of_an_area(user_for_role):
    london = Area.objects.get(code="LONDON-NORTH")
    wessex = Area.objects.get(code="WESSEX")
    prosecutor = user_for_role("prosecutor")
    assert access.may_be_case_lawyer(prosecutor, area_id=london.pk)
    assert not access.may_be_case_lawyer(prosecutor, area_id=wessex.pk)
    assert access.may_be_case_lawyer(user_for_role("cps_direct"), area_id=wessex.pk)
    assert not access.may_be_case_lawyer(user_for_role("paralegal"), area_id=london.pk)
    assert access.may_be_case_paralegal(user_for_role("paralegal"), area_id=london.pk)
    inactive = user_for_role("prosecutor", is_active=False)
    assert not access.may_be_case_lawyer(inactive, area_id=london.pk)


def test_the_assigned_path_is_a_real_relation():
    # A renamed relation must fail here, not silently show reviewers nothing.
    list(Case.objects.filter(**{access.CASE_ASSIGNED_PATH: None}).values("pk")[:1])


def test_cases_app_decides_no_visibility_itself():
    """No role or Area comparisons in the cases app: they belong to the access door."""
    root = pathlib.Path(__file__).resolve().parents[2] / "msht" / "cases"
    pattern = re.compile(r"\.role\s*(==|!=|in\b|not in\b)|role__in|area_id\s*(==|!=)|Role\.[A-Z_]+")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path.name not in {"seed.py", "demo.py"} and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_selectors_use_no_private_queryset_internals():
    source = (pathlib.Path(__file__).resolve().parents[2] / "msht/cases/selectors.py").read_text()
    for internal in (
        "_result_cache",
        "_prefetched_objects_cache",
        "_prefetch_done",
        "import_string",
    ):
        assert internal not in source
