import pytest
from django.core.exceptions import ValidationError

from msht.cases import services
from msht.cases.models import AllocationRule
from msht.reference.models import Unit

from ..factories import make_case

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


def test_recommendation_follows_the_rules_with_reasons():
    sexual = make_case(exploitation_codes=["SEXUAL"])
    assert sexual.recommended_unit.code == "RASSO"
    assert sexual.recommendation_reasons == [
        "Sexual exploitation: rape and serious sexual offences unit."
    ]
    big = make_case(victim_count=5, organised_crime_group=True)
    assert big.recommended_unit.code == "CCU"
    assert len(big.recommendation_reasons) == 2
    jit = make_case(joint_investigation_team=True, international=True)
    assert jit.recommended_unit.code == "HQ"
    plain = make_case()
    assert plain.recommended_unit.code == "CROWN"
    assert plain.recommendation_reasons == ["No complex casework criterion met: Crown Court unit."]


def test_editing_the_facts_updates_the_recommendation():
    case = make_case()
    case = services.case_update(
        actor=None, case=case, expected_version=case.version, suspect_count=4
    )
    assert case.recommended_unit.code == "CCU"


def test_rules_are_data(user_for_role):
    lead = user_for_role("national_lead")
    rule = AllocationRule.objects.get(field="victim_count")
    services.allocation_rule_save(
        actor=lead,
        rule=rule,
        name=rule.name,
        field_name="victim_count",
        operator="at_least",
        value="10",
        recommended_unit=rule.recommended_unit,
        priority=rule.priority,
        reason=rule.reason,
    )
    assert make_case(victim_count=5).recommended_unit.code == "CROWN"
    with pytest.raises(ValidationError) as error:
        services.allocation_rule_save(
            actor=lead,
            name="x",
            field_name="victim_count",
            operator="is_true",
            value="",
            recommended_unit=Unit.objects.get(code="CCU"),
            priority=1,
            reason="x",
        )
    assert set(messages(error)) == {"operator", "value"}


def test_allocation_away_from_recommendation_needs_reason(user_for_role):
    head = user_for_role("unit_head")
    lawyer = user_for_role("prosecutor")
    case = make_case(exploitation_codes=["SEXUAL"])
    crown = Unit.objects.get(code="CROWN")
    with pytest.raises(ValidationError) as error:
        services.case_allocate(actor=head, case=case, expected_version=case.version, unit=crown)
    assert messages(error)["reason"] == [
        "Explain why the case is allocated to the crown court unit and not the recommended "
        "rape and serious sexual offences unit"
    ]
    case = services.case_allocate(
        actor=head,
        case=case,
        expected_version=case.version,
        unit=crown,
        lawyer=lawyer,
        reason="RASSO unit at capacity",
    )
    assert case.allocation_differs and case.lawyer == lawyer


def test_lawyer_from_another_area_is_refused(user_for_role):
    from msht.reference.models import Area

    other = user_for_role("prosecutor", area=Area.objects.get(code="WESSEX"))
    case = make_case()
    with pytest.raises(ValidationError) as error:
        services.case_allocate(
            actor=None, case=case, expected_version=None, unit=case.recommended_unit, lawyer=other
        )
    assert "lawyer" in messages(error)


# --- Issue 13 item 4: allocation rules refuse a stale save ------------------------------------


def _rule_fields(rule, **changes):
    fields = {
        "name": rule.name,
        "field_name": rule.field,
        "operator": rule.operator,
        "value": rule.value,
        "recommended_unit": rule.recommended_unit,
        "priority": rule.priority,
        "reason": rule.reason,
        "enabled": rule.enabled,
    }
    fields.update(changes)
    return fields


def test_stale_rule_save_is_refused_and_nothing_is_overwritten(user_for_role):
    lead = user_for_role("national_lead")
    rule = AllocationRule.objects.get(field="victim_count")
    opened = rule.version
    first = services.allocation_rule_save(
        actor=lead, rule=rule, expected_version=opened, **_rule_fields(rule, value="8")
    )
    assert first.version == opened + 1
    stale = AllocationRule.objects.get(pk=rule.pk)
    with pytest.raises(services.RuleConflict) as error:
        services.allocation_rule_save(
            actor=lead, rule=stale, expected_version=opened, **_rule_fields(stale, value="12")
        )
    assert "Someone else saved changes to this criterion" in error.value.messages[0]
    stored = AllocationRule.objects.get(pk=rule.pk)
    assert (stored.value, stored.version) == ("8", opened + 1)
