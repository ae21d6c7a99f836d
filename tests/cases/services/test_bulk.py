"""The cases app's bulk writers (what the casework and defendant imports call)."""

import pytest

from msht.accounts import access
from msht.audit.models import AuditEvent, Operation
from msht.cases.models import Case, CaseEvent, CaseStatus
from msht.cases.services.bulk import (
    CaseRow,
    case_bulk_context,
    cases_bulk_milestones,
    cases_bulk_save,
    cases_bulk_touch,
)
from msht.reference.models import Area, ExploitationType, PoliceForce

from ..factories import make_case

pytestmark = pytest.mark.django_db


def _context():
    return case_bulk_context(type_ids={t.code: t.pk for t in ExploitationType.objects.all()})


def _row(urn: str, area: str = "LONDON-NORTH", **changes) -> CaseRow:
    values = {
        "area_id": Area.objects.get(code=area).pk,
        "police_force_id": PoliceForce.objects.get(code=urn[:2]).pk,
        "operation_name": "",
        "international": False,
        "organised_crime_group": False,
        "joint_investigation_team": False,
        "child_victim": False,
        "county_lines": False,
        "victim_count": 1,
        "suspect_count": 1,
        "referral_date": None,
    }
    values.update(changes)
    return CaseRow(urn=urn, values=values, exploitation_codes=("LABOUR",))


def test_new_cases_are_written_with_events_recommendation_and_one_audit_row(user_for_role):
    head = user_for_role("unit_head")
    result = cases_bulk_save(
        actor=head, rows=[_row("01YE9000124"), _row("01YE9000224")], context=_context()
    )
    assert (result.created, result.updated, result.refused) == (2, 0, [])
    case = Case.objects.get(urn="01YE9000124")
    assert case.version == 1 and case.recommended_unit_id is not None
    assert [t.code for t in case.exploitation_types.all()] == ["LABOUR"]
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.REGISTERED).exists()
    event = AuditEvent.objects.get(operation=Operation.COLLECTION, object_type="case")
    assert event.actor_id == head.pk and event.detail["count"] == 2
    assert sorted(event.detail["ids"]) == sorted(Case.objects.values_list("pk", flat=True))


def test_changes_bump_the_version_and_other_areas_are_refused(user_for_role):
    own = make_case(urn="01YE9000324")
    other = make_case(urn="01YE9000424", area_code="WESSEX")
    head = user_for_role("unit_head")
    rows = [
        _row("01YE9000324", victim_count=4),
        _row("01YE9000424", area="WESSEX", victim_count=4),
    ]
    result = cases_bulk_save(actor=head, rows=rows, context=_context())
    assert result.updated == 1
    assert [r.key for r in result.refused] == ["01YE9000424"]
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.version, own.victim_count) == (2, 4)
    assert (other.version, other.victim_count) == (1, 0)


def test_no_actor_is_refused_and_the_system_is_explicit():
    with pytest.raises(PermissionError):
        cases_bulk_save(actor=None, rows=[_row("01YE9000524")], context=_context())
    result = cases_bulk_save(actor=access.SYSTEM, rows=[_row("01YE9000524")], context=_context())
    assert result.created == 1
    with pytest.raises(PermissionError):
        cases_bulk_milestones(actor=None, rows=[])
    with pytest.raises(PermissionError):
        cases_bulk_touch(actor=None, case_ids=[])


def test_unchecked_input_is_a_programming_error():
    with pytest.raises(ValueError, match="not normalised"):
        cases_bulk_save(actor=access.SYSTEM, rows=[_row("01 ye 9000624")], context=_context())
    with pytest.raises(ValueError, match="out of range"):
        row = _row("01YE9000624", victim_count=-1)
        cases_bulk_save(actor=access.SYSTEM, rows=[row], context=_context())


def test_milestones_derive_status_check_order_and_hide_other_areas(user_for_role):
    from datetime import date

    own = make_case(urn="01YE9000724")
    make_case(urn="01YE9000824", area_code="WESSEX")
    head = user_for_role("unit_head")
    charged = {
        "charging_decision": "charge",
        "charging_decision_date": date(2024, 3, 1),
        "charge_date": date(2024, 3, 1),
    }
    result = cases_bulk_milestones(
        actor=head,
        rows=[
            ("01YE9000724", charged),
            ("01YE9000824", charged),
            ("01YE9999924", charged),
        ],
    )
    assert result.updated == 1
    refused = {r.key: r.message for r in result.refused}
    # Another Area's case and a missing one get the same answer.
    assert refused["01YE9000824"].startswith("There is no case with URN 01 YE 90008 24")
    assert refused["01YE9999924"].startswith("There is no case with URN 01 YE 99999 24")
    own.refresh_from_db()
    assert own.status == CaseStatus.CHARGED and own.version == 2
    late = {"first_hearing_date": date(2024, 2, 1)}
    result = cases_bulk_milestones(actor=head, rows=[("01YE9000724", late)])
    assert result.refused[0].field == "first_hearing_date"


def test_touch_bumps_versions_and_refuses_other_areas(user_for_role):
    own = make_case(urn="01YE9000924")
    other = make_case(urn="01YE9001024", area_code="WESSEX")
    head = user_for_role("unit_head")
    assert cases_bulk_touch(actor=head, case_ids={own.pk}) == 1
    own.refresh_from_db()
    assert own.version == 2
    with pytest.raises(PermissionError):
        cases_bulk_touch(actor=head, case_ids={own.pk, other.pk})
    other.refresh_from_db()
    assert other.version == 1
