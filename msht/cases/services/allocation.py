"""Allocation: the casework referral criteria (rules as data), the recommendation, allocating a
case to a unit and people.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from msht.accounts import access
from msht.audit.models import Operation
from msht.reference.dates import today as _today
from msht.reference.models import (
    ExploitationType,
    Unit,
)

from ..models import (
    AllocationRule,
    Case,
    CaseEvent,
)
from ..rules import (
    Recommendation,
    case_facts,
    recommend_from_facts,
)
from .common import (
    audit,
    event_add,
    lock_case,
    save_case,
)


def allocation_recommend(
    case: Case, exploitation_codes: Iterable[str] | None = None
) -> Recommendation:
    rules = list(AllocationRule.objects.filter(enabled=True).select_related("recommended_unit"))
    return recommend_from_facts(case_facts(case, exploitation_codes), rules)


def recommendation_fields(case: Case, codes: Iterable[str] | None = None) -> dict[str, Any]:
    recommendation = allocation_recommend(case, codes)
    return {
        "recommended_unit": recommendation.unit,
        "recommendation_reasons": recommendation.reasons,
    }


RULE_CONFLICT_MESSAGE = (
    "Someone else saved changes to this criterion after you opened it, so your changes have "
    "not been saved. Open the criterion again to see the latest version, then make your "
    "changes again."
)


class RuleConflict(ValidationError):
    """A save of a referral criterion made from a stale form (optimistic locking)."""

    def __init__(self, message: str = RULE_CONFLICT_MESSAGE):
        super().__init__(message, code="conflict")


def allocation_rule_save(
    *,
    actor: Any,
    rule: AllocationRule | None = None,
    name: str,
    field_name: str,
    operator: str,
    value: str = "",
    recommended_unit: Unit,
    priority: int,
    reason: str,
    enabled: bool = True,
    expected_version: int | None = None,
) -> AllocationRule:
    """Add or change a referral criterion. A change made from a stale form (another national
    lead saved the rule after the form was opened) is refused with `RuleConflict`."""
    errors: dict[str, str] = {}
    if field_name not in AllocationRule.Field.values:
        errors["field_name"] = "Choose what the rule looks at"
    if operator not in AllocationRule.Operator.values:
        errors["operator"] = "Choose how the rule compares"
    if not name.strip():
        errors["name"] = "Enter a name for the rule"
    if not reason.strip():
        errors["reason"] = "Enter the reason shown to caseworkers"
    numeric = {AllocationRule.Field.VICTIM_COUNT, AllocationRule.Field.SUSPECT_COUNT}
    if field_name in numeric:
        if operator not in {AllocationRule.Operator.AT_LEAST, AllocationRule.Operator.AT_MOST}:
            errors["operator"] = (
                "A number of victims or suspects needs 'is at least' or 'is at most'"
            )
        if not value.strip().isdigit():
            errors["value"] = "Enter a whole number, like 3"
    elif field_name == AllocationRule.Field.EXPLOITATION_TYPE:
        if operator != AllocationRule.Operator.INCLUDES:
            errors["operator"] = "An exploitation type needs 'includes'"
        if not ExploitationType.objects.filter(code=value.strip().upper()).exists():
            errors["value"] = "Enter an exploitation type code, like SEXUAL or LABOUR"
        value = value.strip().upper()
    elif field_name == AllocationRule.Field.ANY:
        operator, value = AllocationRule.Operator.ALWAYS, ""
    elif field_name in AllocationRule.Field.values and operator != AllocationRule.Operator.IS_TRUE:
        errors["operator"] = "A yes or no fact needs 'is yes'"
    if errors:
        raise ValidationError(errors)
    created = rule is None
    rule = rule or AllocationRule()
    rule.name, rule.field, rule.operator, rule.value = name.strip(), field_name, operator, value
    rule.recommended_unit, rule.priority, rule.reason = recommended_unit, priority, reason.strip()
    rule.enabled = enabled
    rule.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        if not created:
            current = AllocationRule.objects.select_for_update().only("version").get(pk=rule.pk)
            if expected_version is not None and current.version != int(expected_version):
                raise RuleConflict()
            rule.version = current.version + 1
        rule.save()
        audit(
            actor,
            Operation.COLLECTION if created else Operation.ALTERATION,
            "allocation_rule",
            rule.pk,
            enabled=enabled,
        )
    return rule


def case_allocate(
    *,
    actor: Any,
    case: Case,
    expected_version: int | None,
    unit: Unit,
    lawyer: Any = None,
    paralegal: Any = None,
    reason: str = "",
) -> Case:
    """Allocate to a unit (and people). A unit other than the recommended one needs a reason."""
    with transaction.atomic():
        current = lock_case(case, expected_version)
        errors = {}
        reason = (reason or "").strip()
        if unit is None:
            errors["unit"] = "Choose the unit the case is allocated to"
        elif current.recommended_unit_id and unit.pk != current.recommended_unit_id and not reason:
            errors["reason"] = (
                f"Explain why the case is allocated to the {unit.name.lower()} and not the "
                f"recommended {current.recommended_unit.name.lower()}"
            )
        if lawyer is not None and not access.may_be_case_lawyer(lawyer, area_id=current.area_id):
            errors["lawyer"] = "Choose a lawyer from the case's Area"
        if paralegal is not None and not access.may_be_case_paralegal(
            paralegal, area_id=current.area_id
        ):
            errors["paralegal"] = "Choose a paralegal from the case's Area"
        if errors:
            raise ValidationError(errors)
        save_case(
            current,
            {"unit": unit, "lawyer": lawyer, "paralegal": paralegal, "allocation_reason": reason},
        )
        event_add(
            current,
            CaseEvent.Kind.ALLOCATION,
            _today(),
            actor,
            unit=unit.code,
            follows_criteria=unit.pk == current.recommended_unit_id,
        )
        audit(
            actor,
            Operation.ALTERATION,
            "case",
            current.pk,
            action="allocated",
            unit=unit.code,
            lawyer=getattr(lawyer, "pk", None),
            paralegal=getattr(paralegal, "pk", None),
        )
    return current
