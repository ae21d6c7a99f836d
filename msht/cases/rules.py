"""Pure rules of the case register: milestone date order, status transitions, counts, the
allocation criteria's facts and matching. No database writes; the services and the bulk paths
both apply them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from msht.reference.dates import long_date
from msht.reference.dates import today as _today
from msht.reference.models import (
    Unit,
)

from .models import (
    STATUS_TRANSITIONS,
    AllocationRule,
    Case,
    CaseStatus,
    ChargingDecision,
)

DATE_LABELS = {
    # field: (as the subject of a sentence, as the object of one)
    "referral_date": ("Police referral date", "police referral date"),
    "advice_requested_date": ("Date advice was requested", "date advice was requested"),
    "advice_given_date": ("Date advice was given", "date advice was given"),
    "charging_decision_date": ("Date of the charging decision", "charging decision date"),
    "charge_date": ("Date of charge", "date of charge"),
    "first_hearing_date": ("Date of first hearing", "first hearing date"),
    "trial_date": ("Date of trial", "trial date"),
    "finalised_date": ("Date of finalisation", "finalisation date"),
}


# (later, earlier): the later milestone may not come before the earlier one.
DATE_ORDER = [
    ("advice_requested_date", "referral_date"),
    ("advice_given_date", "advice_requested_date"),
    ("charge_date", "referral_date"),
    ("charging_decision_date", "referral_date"),
    ("first_hearing_date", "charge_date"),
    ("trial_date", "first_hearing_date"),
    ("trial_date", "charge_date"),
    ("finalised_date", "trial_date"),
    ("finalised_date", "first_hearing_date"),
    ("finalised_date", "charge_date"),
]


DECISION_STATUS = {
    ChargingDecision.CHARGE: CaseStatus.CHARGED,
    ChargingDecision.NFA_EVIDENTIAL: CaseStatus.NO_FURTHER_ACTION,
    ChargingDecision.NFA_PUBLIC_INTEREST: CaseStatus.NO_FURTHER_ACTION,
    ChargingDecision.REFER_BACK: CaseStatus.REFERRED_BACK,
    ChargingDecision.OUT_OF_COURT: CaseStatus.OUT_OF_COURT,
}


def check_not_future(value: date | None, field_name: str, key: str) -> None:
    if value and value > _today():
        raise ValidationError({key: f"{DATE_LABELS[field_name][0]} must be today or in the past"})


def check_dates(case: Case, changes: dict[str, date | None], keys: dict[str, str]) -> None:
    """Check the changed milestone dates against the case's others; `keys` maps field->form key."""
    errors: dict[str, str] = {}
    proposed = {name: getattr(case, name) for name in DATE_LABELS}
    proposed.update(changes)
    for name, value in changes.items():
        if value and value > _today():
            errors.setdefault(
                keys.get(name, name), f"{DATE_LABELS[name][0]} must be today or in the past"
            )
    for later, earlier in DATE_ORDER:
        later_value, earlier_value = proposed.get(later), proposed.get(earlier)
        if not (later_value and earlier_value) or later_value >= earlier_value:
            continue
        if later in changes:
            errors.setdefault(
                keys.get(later, later),
                f"{DATE_LABELS[later][0]} must be on or after the {DATE_LABELS[earlier][1]} "
                f"({long_date(earlier_value)})",
            )
        elif earlier in changes:
            errors.setdefault(
                keys.get(earlier, earlier),
                f"{DATE_LABELS[earlier][0]} must be on or before the {DATE_LABELS[later][1]} "
                f"({long_date(later_value)})",
            )
    if errors:
        raise ValidationError(errors)


def check_transition(case: Case, new_status: str) -> None:
    if new_status == case.status:
        return
    if new_status not in STATUS_TRANSITIONS.get(case.status, frozenset()):
        raise ValidationError(
            f"A case that is '{CaseStatus(case.status).label.lower()}' cannot become "
            f"'{CaseStatus(new_status).label.lower()}'",
            code="transition",
        )


def check_counts(victim_count: Any, suspect_count: Any) -> None:
    errors = {}
    for key, value, label in (
        ("victim_count", victim_count, "Number of victims"),
        ("suspect_count", suspect_count, "Number of suspects"),
    ):
        if not isinstance(value, int) or value < 0 or value > 10_000:
            errors[key] = f"{label} must be a whole number between 0 and 10,000"
    if errors:
        raise ValidationError(errors)


@dataclass
class Recommendation:
    unit: Unit | None
    reasons: list[str] = field(default_factory=list)
    matched: list[AllocationRule] = field(default_factory=list)


def case_facts(case: Case, exploitation_codes: Iterable[str] | None = None) -> dict[str, Any]:
    if exploitation_codes is None:
        exploitation_codes = [t.code for t in case.exploitation_types.all()] if case.pk else []
    return {
        "victim_count": case.victim_count or 0,
        "suspect_count": case.suspect_count or 0,
        "international": case.international,
        "organised_crime_group": case.organised_crime_group,
        "joint_investigation_team": case.joint_investigation_team,
        "child_victim": case.child_victim,
        "county_lines": case.county_lines,
        "exploitation_type": set(exploitation_codes),
    }


def rule_matches(rule: AllocationRule, facts: dict[str, Any]) -> bool:
    op = rule.operator
    if op == AllocationRule.Operator.ALWAYS or rule.field == AllocationRule.Field.ANY:
        return True
    value = facts.get(rule.field)
    if op == AllocationRule.Operator.IS_TRUE:
        return bool(value)
    if op == AllocationRule.Operator.INCLUDES:
        return rule.value.upper() in (value or set())
    try:
        threshold = int(rule.value)
    except (TypeError, ValueError):
        return False
    if op == AllocationRule.Operator.AT_LEAST:
        return int(value or 0) >= threshold
    if op == AllocationRule.Operator.AT_MOST:
        return int(value or 0) <= threshold
    return False


def recommend_from_facts(facts: dict[str, Any], rules: Iterable[AllocationRule]) -> Recommendation:
    matched = [r for r in rules if r.enabled and rule_matches(r, facts)]
    matched.sort(key=lambda r: (r.priority, r.pk or 0))
    if not matched:
        return Recommendation(unit=None)
    unit = matched[0].recommended_unit
    reasons = [r.reason for r in matched if r.recommended_unit_id == unit.pk]
    # A fallback rule only explains a case that meets no other criterion.
    specific = [r for r in matched if r.field != AllocationRule.Field.ANY]
    if specific and len(reasons) > 1:
        reasons = [r.reason for r in specific if r.recommended_unit_id == unit.pk]
    return Recommendation(unit=unit, reasons=reasons, matched=matched)


# --- Bulk paths: the same rules, answered per row rather than raised --------------------------

CASE_COUNT_MAXIMUM = 10_000


def date_order_problem(case: Any, proposed: dict[str, Any]) -> tuple[str, str, str] | None:
    """(message, field, value) for the first milestone date of `proposed` (merged over the
    case's) that is in the future or out of order, or None."""
    now = _today()
    merged = {name: getattr(case, name) for name in DATE_LABELS}
    merged.update({k: v for k, v in proposed.items() if k in DATE_LABELS})
    for name, value in merged.items():
        if isinstance(value, date) and value > now:
            return f"{DATE_LABELS[name][0]} must be today or in the past.", "", ""
    for later, earlier in DATE_ORDER:
        if merged.get(later) and merged.get(earlier) and merged[later] < merged[earlier]:
            return (
                f"{DATE_LABELS[later][0]} ({merged[later]:%d/%m/%Y}) must be on or after the "
                f"{DATE_LABELS[earlier][1]} ({merged[earlier]:%d/%m/%Y}).",
                later,
                f"{merged[later]:%Y-%m-%d}",
            )
    return None


def status_from_milestones(case: Any, proposed: dict[str, Any]) -> str:
    """The status the milestones imply (the main case management system is authoritative)."""
    if proposed.get("finalised_date") or case.finalised_date:
        return CaseStatus.FINALISED
    if proposed.get("first_hearing_date") or proposed.get("trial_date"):
        return CaseStatus.IN_COURT
    decision = proposed.get("charging_decision") or case.charging_decision
    if decision:
        return DECISION_STATUS[decision]
    return case.status
