"""Writes to the case register. Each validates, writes and audits in one transaction.

Optimistic locking: every change to a case bumps `Case.version` with
``UPDATE ... WHERE id = ? AND version = ?``; callers that showed the user a form pass the version
the form was built from as `expected_version`, and a save made from a stale form is refused with
`CaseConflict` and writes nothing. Works the same on SQLite and PostgreSQL.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from msht.accounts.roles import Role
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.dates import long_date
from msht.reference.dates import today as _today
from msht.reference.models import (
    Area,
    ExploitationType,
    FinalisationOutcome,
    Nationality,
    Offence,
    PoliceForce,
    Unit,
    UnsuccessfulReason,
)

from .models import (
    STATUS_TRANSITIONS,
    AgeBand,
    AllocationRule,
    Case,
    CaseEvent,
    CaseStatus,
    Charge,
    ChargingDecision,
    Defendant,
    Gender,
    IndicatorScreen,
    NrmStatus,
    Order,
    OrderKind,
    OrderResult,
    Plea,
    S45Result,
    Sentence,
    SentenceKind,
    TraffickingIndicator,
    Verdict,
)
from .urn import urn_display, urn_parse

CONFLICT_MESSAGE = (
    "Someone else saved changes to this case after you opened it, so your changes have not "
    "been saved. Open the case again to see the latest details, then make your changes again."
)


class CaseConflict(ValidationError):
    """A save made from a stale copy of the case (optimistic locking)."""

    def __init__(self, message: str = CONFLICT_MESSAGE):
        super().__init__(message, code="conflict")


# --- Dates --------------------------------------------------------------------------------------

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


def _check_not_future(value: date | None, field_name: str, key: str) -> None:
    if value and value > _today():
        raise ValidationError({key: f"{DATE_LABELS[field_name][0]} must be today or in the past"})


def _check_dates(case: Case, changes: dict[str, date | None], keys: dict[str, str]) -> None:
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


def _check_transition(case: Case, new_status: str) -> None:
    if new_status == case.status:
        return
    if new_status not in STATUS_TRANSITIONS.get(case.status, frozenset()):
        raise ValidationError(
            f"A case that is '{CaseStatus(case.status).label.lower()}' cannot become "
            f"'{CaseStatus(new_status).label.lower()}'",
            code="transition",
        )


# --- Locking ------------------------------------------------------------------------------------


def _lock(case: Case, expected_version: int | None) -> Case:
    """Inside a transaction: the case as it is now, locked; refuse if the caller's copy is stale."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise CaseConflict()
    return current


def _save(case: Case, fields: dict[str, Any]) -> Case:
    """Write `fields` and bump the version, only if nobody else has meanwhile (0 rows: conflict)."""
    now = timezone.now()
    updated = Case.objects.filter(pk=case.pk, version=case.version).update(
        version=F("version") + 1, updated_at=now, **fields
    )
    if updated != 1:
        raise CaseConflict()
    for name, value in fields.items():
        setattr(case, name, value)
    case.version += 1
    case.updated_at = now
    return case


def _event(case: Case, kind: str, occurred_on: date, actor: Any, **details: Any) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        details=details,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _audit(actor: Any, operation: str, object_type: str, object_id: Any, **detail: Any) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )


# --- Allocation criteria ------------------------------------------------------------------------


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


def allocation_recommend(
    case: Case, exploitation_codes: Iterable[str] | None = None
) -> Recommendation:
    rules = list(AllocationRule.objects.filter(enabled=True).select_related("recommended_unit"))
    return recommend_from_facts(case_facts(case, exploitation_codes), rules)


def _recommendation_fields(case: Case, codes: Iterable[str] | None = None) -> dict[str, Any]:
    recommendation = allocation_recommend(case, codes)
    return {
        "recommended_unit": recommendation.unit,
        "recommendation_reasons": recommendation.reasons,
    }


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
) -> AllocationRule:
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
    rule.updated_by = actor
    with transaction.atomic():
        rule.save()
        _audit(
            actor,
            Operation.COLLECTION if created else Operation.ALTERATION,
            "allocation_rule",
            rule.pk,
            enabled=enabled,
        )
    return rule


# --- Cases --------------------------------------------------------------------------------------

CASE_DETAIL_FIELDS = (
    "operation_name",
    "international",
    "organised_crime_group",
    "joint_investigation_team",
    "child_victim",
    "county_lines",
    "victim_count",
    "suspect_count",
)


def _check_counts(victim_count: Any, suspect_count: Any) -> None:
    errors = {}
    for key, value, label in (
        ("victim_count", victim_count, "Number of victims"),
        ("suspect_count", suspect_count, "Number of suspects"),
    ):
        if not isinstance(value, int) or value < 0 or value > 10_000:
            errors[key] = f"{label} must be a whole number between 0 and 10,000"
    if errors:
        raise ValidationError(errors)


def case_create(
    *,
    actor: Any,
    urn: str,
    area: Area | None = None,
    police_force: PoliceForce | None = None,
    operation_name: str = "",
    exploitation_types: Iterable[ExploitationType] = (),
    international: bool = False,
    organised_crime_group: bool = False,
    joint_investigation_team: bool = False,
    child_victim: bool = False,
    county_lines: bool = False,
    victim_count: int = 0,
    suspect_count: int = 0,
    referral_date: date | None = None,
) -> Case:
    forces = {f.code: f for f in PoliceForce.objects.select_related("area")}
    try:
        parsed = urn_parse(urn, force_codes=set(forces))
    except ValidationError as error:
        raise ValidationError({"urn": error.messages}) from error
    urn_text = str(parsed)
    urn_force = forces[parsed.force]
    if police_force is None:
        police_force = urn_force
    elif police_force.pk != urn_force.pk:
        raise ValidationError(
            {
                "police_force": (
                    f"The URN starts with {parsed.force} ({urn_force.name}), so the police "
                    f"force must be {urn_force.name}, not {police_force.name}"
                )
            }
        )
    area = area or police_force.area
    if area is None:
        raise ValidationError({"area": "Choose the Area that will handle the case"})
    _check_counts(victim_count, suspect_count)
    if Case.objects.filter(urn=urn_text).exists():
        raise ValidationError({"urn": f"A case with URN {urn_display(urn_text)} already exists"})
    types = list(exploitation_types)
    case = Case(
        urn=urn_text,
        area=area,
        police_force=police_force,
        operation_name=operation_name.strip(),
        international=international,
        organised_crime_group=organised_crime_group,
        joint_investigation_team=joint_investigation_team,
        child_victim=child_victim,
        county_lines=county_lines,
        victim_count=victim_count,
        suspect_count=suspect_count,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if referral_date:
        _check_not_future(referral_date, "referral_date", "referral_date")
        case.referral_date = referral_date
    for name, value in _recommendation_fields(case, [t.code for t in types]).items():
        setattr(case, name, value)
    try:
        with transaction.atomic():
            case.save()
            case.exploitation_types.set(types)
            _event(case, CaseEvent.Kind.REGISTERED, _today(), actor)
            if referral_date:
                _event(case, CaseEvent.Kind.POLICE_REFERRAL, referral_date, actor)
            _audit(actor, Operation.COLLECTION, "case", case.pk, area=area.code)
    except IntegrityError as error:  # two registrations of one URN at the same moment
        raise ValidationError(
            {"urn": f"A case with URN {urn_display(urn_text)} already exists"}
        ) from error
    return case


def case_update(
    *,
    actor: Any,
    case: Case,
    expected_version: int | None,
    exploitation_types: Iterable[ExploitationType] | None = None,
    **details: Any,
) -> Case:
    """Change the case's details (not its milestones). Unknown fields are refused."""
    unknown = set(details) - set(CASE_DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"case_update does not change {sorted(unknown)}")
    with transaction.atomic():
        current = _lock(case, expected_version)
        fields = {name: value for name, value in details.items() if getattr(current, name) != value}
        if "operation_name" in fields:
            fields["operation_name"] = fields["operation_name"].strip()
        _check_counts(
            details.get("victim_count", current.victim_count),
            details.get("suspect_count", current.suspect_count),
        )
        types = list(exploitation_types) if exploitation_types is not None else None
        for name, value in fields.items():
            setattr(current, name, value)
        codes = [t.code for t in types] if types is not None else None
        fields.update(_recommendation_fields(current, codes))
        _save(current, fields)
        if types is not None:
            current.exploitation_types.set(types)
        changed = sorted(set(fields) - {"recommended_unit", "recommendation_reasons"})
        _event(current, CaseEvent.Kind.DETAILS_CHANGED, _today(), actor, fields=changed)
        _audit(actor, Operation.ALTERATION, "case", current.pk, fields=changed)
    return current


LAWYER_ROLES = {Role.PROSECUTOR, Role.UNIT_HEAD, Role.CPS_DIRECT}


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
        current = _lock(case, expected_version)
        errors = {}
        reason = (reason or "").strip()
        if unit is None:
            errors["unit"] = "Choose the unit the case is allocated to"
        elif current.recommended_unit_id and unit.pk != current.recommended_unit_id and not reason:
            errors["reason"] = (
                f"Explain why the case is allocated to the {unit.name.lower()} and not the "
                f"recommended {current.recommended_unit.name.lower()}"
            )
        if lawyer is not None and (
            lawyer.role not in LAWYER_ROLES
            or not lawyer.is_active
            or (lawyer.role != Role.CPS_DIRECT and lawyer.area_id != current.area_id)
        ):
            errors["lawyer"] = "Choose a lawyer from the case's Area"
        if paralegal is not None and (
            paralegal.role != Role.PARALEGAL
            or not paralegal.is_active
            or paralegal.area_id != current.area_id
        ):
            errors["paralegal"] = "Choose a paralegal from the case's Area"
        if errors:
            raise ValidationError(errors)
        _save(
            current,
            {"unit": unit, "lawyer": lawyer, "paralegal": paralegal, "allocation_reason": reason},
        )
        _event(
            current,
            CaseEvent.Kind.ALLOCATION,
            _today(),
            actor,
            unit=unit.code,
            follows_criteria=unit.pk == current.recommended_unit_id,
        )
        _audit(
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


def case_view_record(*, actor: Any, case: Case, page: str = "summary") -> None:
    """Viewing a case page is a consultation of personal data (DPA 2018 s62)."""
    with transaction.atomic():
        _audit(actor, Operation.CONSULTATION, "case", case.pk, page=page)


# --- Milestones ---------------------------------------------------------------------------------


def _require(value: Any, key: str, message: str) -> None:
    if value in (None, ""):
        raise ValidationError({key: message})


def police_referral_record(
    *, actor: Any, case: Case, referred_on: date, expected_version: int | None = None
) -> Case:
    """The police referral; after a referral back it records the police's resubmission."""
    _require(referred_on, "referred_on", "Enter the date the police referred the case")
    with transaction.atomic():
        current = _lock(case, expected_version)
        if current.status == CaseStatus.REFERRED_BACK:
            keys = {"referral_date": "referred_on"}
            _check_not_future(referred_on, "referral_date", "referred_on")
            if referred_on < (current.charging_decision_date or referred_on):
                raise ValidationError(
                    {
                        "referred_on": (
                            "Date of resubmission must be on or after the charging decision date "
                            f"({long_date(current.charging_decision_date)})"
                        )
                    }
                )
            _check_transition(current, CaseStatus.PRE_CHARGE)
            _save(current, {"status": CaseStatus.PRE_CHARGE})
            _event(current, CaseEvent.Kind.POLICE_RESUBMISSION, referred_on, actor)
        elif current.status == CaseStatus.PRE_CHARGE:
            keys = {"referral_date": "referred_on"}
            _check_dates(current, {"referral_date": referred_on}, keys)
            _save(current, {"referral_date": referred_on})
            _event(current, CaseEvent.Kind.POLICE_REFERRAL, referred_on, actor)
        else:
            raise ValidationError(
                {
                    "referred_on": (
                        "A police referral can only be recorded before the charging decision, "
                        "or after the case was referred back to the police"
                    )
                }
            )
        _audit(actor, Operation.ALTERATION, "case", current.pk, milestone="police_referral")
    return current


def advice_record(
    *,
    actor: Any,
    case: Case,
    requested_on: date,
    given_on: date | None = None,
    lawyer: Any = None,
    expected_version: int | None = None,
) -> Case:
    """Early investigative advice: requested, and (when given) given by which lawyer."""
    _require(requested_on, "requested_on", "Enter the date advice was requested")
    with transaction.atomic():
        current = _lock(case, expected_version)
        if current.referral_date is None:
            raise ValidationError({"requested_on": "Record the police referral first"})
        if not current.is_open:
            raise ValidationError({"requested_on": "The case is closed"})
        if given_on and lawyer is None:
            raise ValidationError({"lawyer": "Choose the lawyer who gave the advice"})
        if lawyer is not None and lawyer.role not in LAWYER_ROLES:
            raise ValidationError({"lawyer": "Choose a lawyer"})
        keys = {"advice_requested_date": "requested_on", "advice_given_date": "given_on"}
        changes = {"advice_requested_date": requested_on, "advice_given_date": given_on}
        _check_dates(current, changes, keys)
        _save(current, {**changes, "advice_lawyer": lawyer})
        if requested_on != case.advice_requested_date:
            _event(current, CaseEvent.Kind.ADVICE_REQUESTED, requested_on, actor)
        if given_on:
            _event(
                current,
                CaseEvent.Kind.ADVICE_GIVEN,
                given_on,
                actor,
                turnaround_days=(given_on - requested_on).days,
                lawyer=getattr(lawyer, "pk", None),
            )
        _audit(actor, Operation.ALTERATION, "case", current.pk, milestone="advice")
    return current


DECISION_STATUS = {
    ChargingDecision.CHARGE: CaseStatus.CHARGED,
    ChargingDecision.NFA_EVIDENTIAL: CaseStatus.NO_FURTHER_ACTION,
    ChargingDecision.NFA_PUBLIC_INTEREST: CaseStatus.NO_FURTHER_ACTION,
    ChargingDecision.REFER_BACK: CaseStatus.REFERRED_BACK,
    ChargingDecision.OUT_OF_COURT: CaseStatus.OUT_OF_COURT,
}


def charging_decision_record(
    *,
    actor: Any,
    case: Case,
    decision: str,
    decided_on: date,
    reasons: str = "",
    action_plan: str = "",
    expected_version: int | None = None,
) -> Case:
    """The charging decision. Charge moves the case to charged; the rest as their names say."""
    if decision not in ChargingDecision.values:
        raise ValidationError({"decision": "Choose the charging decision"})
    _require(decided_on, "decided_on", "Enter the date of the charging decision")
    if decision != ChargingDecision.CHARGE and not (reasons or "").strip():
        raise ValidationError({"reasons": "Enter the reasons for the decision"})
    if decision == ChargingDecision.REFER_BACK and not (action_plan or "").strip():
        raise ValidationError({"action_plan": "Enter the action plan for the police"})
    with transaction.atomic():
        current = _lock(case, expected_version)
        if current.referral_date is None:
            raise ValidationError({"decided_on": "Record the police referral first"})
        if current.status != CaseStatus.PRE_CHARGE:
            raise ValidationError(
                {
                    "decision": (
                        "A charging decision can only be made on a pre-charge case; this case is "
                        f"'{current.get_status_display().lower()}'"
                    )
                }
            )
        new_status = DECISION_STATUS[decision]
        _check_transition(current, new_status)
        keys = {"charging_decision_date": "decided_on", "charge_date": "decided_on"}
        changes: dict[str, Any] = {"charging_decision_date": decided_on}
        if decision == ChargingDecision.CHARGE:
            changes["charge_date"] = decided_on
        _check_dates(current, changes, keys)
        _save(current, {**changes, "charging_decision": decision, "status": new_status})
        # Reasons and action plans are free text about people: kept on the event, not audited.
        _event(
            current,
            CaseEvent.Kind.CHARGING_DECISION,
            decided_on,
            actor,
            decision=decision,
            reasons=reasons.strip(),
            action_plan=action_plan.strip(),
        )
        _audit(
            actor,
            Operation.ALTERATION,
            "case",
            current.pk,
            milestone="charging_decision",
            decision=decision,
        )
    return current


def first_hearing_record(
    *, actor: Any, case: Case, heard_on: date, expected_version: int | None = None
) -> Case:
    _require(heard_on, "heard_on", "Enter the date of the first hearing")
    with transaction.atomic():
        current = _lock(case, expected_version)
        if current.status not in {CaseStatus.CHARGED, CaseStatus.IN_COURT}:
            raise ValidationError({"heard_on": "A first hearing can only follow a charge"})
        _check_dates(current, {"first_hearing_date": heard_on}, {"first_hearing_date": "heard_on"})
        _check_transition(current, CaseStatus.IN_COURT)
        _save(current, {"first_hearing_date": heard_on, "status": CaseStatus.IN_COURT})
        _event(current, CaseEvent.Kind.FIRST_HEARING, heard_on, actor)
        _audit(actor, Operation.ALTERATION, "case", current.pk, milestone="first_hearing")
    return current


def trial_record(
    *, actor: Any, case: Case, trial_on: date, expected_version: int | None = None
) -> Case:
    _require(trial_on, "trial_on", "Enter the date the trial started")
    with transaction.atomic():
        current = _lock(case, expected_version)
        if current.status != CaseStatus.IN_COURT or current.first_hearing_date is None:
            raise ValidationError({"trial_on": "Record the first hearing before the trial"})
        _check_dates(current, {"trial_date": trial_on}, {"trial_date": "trial_on"})
        _save(current, {"trial_date": trial_on})
        _event(current, CaseEvent.Kind.TRIAL, trial_on, actor)
        _audit(actor, Operation.ALTERATION, "case", current.pk, milestone="trial")
    return current


def finalisation_record(
    *,
    actor: Any,
    case: Case,
    finalised_on: date,
    outcome: FinalisationOutcome | None,
    unsuccessful_reason: UnsuccessfulReason | None = None,
    expected_version: int | None = None,
) -> Case:
    """The case's outcome. An unsuccessful outcome needs its structured reason."""
    _require(finalised_on, "finalised_on", "Enter the date the case was finalised")
    if outcome is None:
        raise ValidationError({"outcome": "Choose the outcome"})
    if not outcome.is_conviction and unsuccessful_reason is None:
        raise ValidationError(
            {
                "unsuccessful_reason": (
                    f"Choose the reason the case was unsuccessful ({outcome.name.lower()})"
                )
            }
        )
    if outcome.is_conviction:
        unsuccessful_reason = None
    with transaction.atomic():
        current = _lock(case, expected_version)
        if current.status not in {CaseStatus.CHARGED, CaseStatus.IN_COURT}:
            raise ValidationError({"finalised_on": "Only a charged case can be finalised"})
        _check_dates(current, {"finalised_date": finalised_on}, {"finalised_date": "finalised_on"})
        _check_transition(current, CaseStatus.FINALISED)
        _save(
            current,
            {
                "finalised_date": finalised_on,
                "outcome": outcome,
                "unsuccessful_reason": unsuccessful_reason,
                "status": CaseStatus.FINALISED,
            },
        )
        _event(
            current,
            CaseEvent.Kind.FINALISATION,
            finalised_on,
            actor,
            outcome=outcome.code,
            reason=getattr(unsuccessful_reason, "code", None),
        )
        _audit(
            actor,
            Operation.ALTERATION,
            "case",
            current.pk,
            milestone="finalisation",
            outcome=outcome.code,
        )
    return current


def case_reopen(
    *,
    actor: Any,
    case: Case,
    reopened_on: date,
    reason: str,
    expected_version: int | None = None,
) -> Case:
    """Reopen a no-further-action decision (for example after a victim's right to review)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the decision is being reopened"})
    with transaction.atomic():
        current = _lock(case, expected_version)
        _check_transition(current, CaseStatus.PRE_CHARGE)
        _check_not_future(reopened_on, "charging_decision_date", "reopened_on")
        _save(
            current,
            {
                "status": CaseStatus.PRE_CHARGE,
                "charging_decision": "",
                "charging_decision_date": None,
            },
        )
        _event(
            current,
            CaseEvent.Kind.POLICE_RESUBMISSION,
            reopened_on,
            actor,
            reopened=True,
            reason=reason.strip(),
        )
        _audit(actor, Operation.ALTERATION, "case", current.pk, action="reopened")
    return current


# --- Suspects and defendants --------------------------------------------------------------------


def _touch(case: Case, expected_version: int | None) -> Case:
    """Changes below a case also bump its version, so a stale case page cannot overwrite them."""
    current = _lock(case, expected_version)
    return _save(current, {})


def defendant_add(
    *,
    actor: Any,
    case: Case,
    reference: str,
    age_band: str = AgeBand.UNKNOWN,
    gender: str = Gender.UNKNOWN,
    nationality: Nationality | None = None,
    expected_version: int | None = None,
) -> Defendant:
    reference = (reference or "").strip().upper()
    errors = {}
    if not reference:
        errors["reference"] = "Enter a reference, like D1 (not a name)"
    elif len(reference) > 20:
        errors["reference"] = "Reference must be 20 characters or fewer"
    if age_band not in AgeBand.values:
        errors["age_band"] = "Choose an age band"
    if gender not in Gender.values:
        errors["gender"] = "Choose a gender"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _touch(case, expected_version)
        if current.defendants.filter(reference=reference).exists():
            raise ValidationError({"reference": f"This case already has a suspect {reference}"})
        defendant = Defendant.objects.create(
            case=current,
            reference=reference,
            age_band=age_band,
            gender=gender,
            nationality=nationality,
        )
        _event(current, CaseEvent.Kind.DEFENDANT_ADDED, _today(), actor, defendant=defendant.pk)
        _audit(actor, Operation.COLLECTION, "defendant", defendant.pk, case=current.pk)
    return defendant


def charge_add(
    *,
    actor: Any,
    defendant: Defendant,
    offence: Offence | None,
    charged_on: date,
    is_principal: bool = False,
) -> Charge:
    if offence is None:
        raise ValidationError({"offence": "Choose the offence"})
    _require(charged_on, "charged_on", "Enter the date of charge")
    case = defendant.case
    with transaction.atomic():
        current = _touch(case, None)
        if current.charge_date is None:
            raise ValidationError({"charged_on": "Record the charging decision to charge first"})
        if charged_on < current.charge_date:
            raise ValidationError(
                {
                    "charged_on": (
                        "Date of charge must be on or after the case's charging decision date "
                        f"({long_date(current.charge_date)})"
                    )
                }
            )
        _check_not_future(charged_on, "charge_date", "charged_on")
        first_principal = not Charge.objects.filter(
            defendant__case=current, is_principal=True
        ).exists()
        charge = Charge.objects.create(
            defendant=defendant,
            offence=offence,
            charged_on=charged_on,
            is_principal=is_principal or first_principal,
        )
        if charge.is_principal:
            Charge.objects.filter(defendant__case=current, is_principal=True).exclude(
                pk=charge.pk
            ).update(is_principal=False)
            _save(current, {"principal_offence": offence})
        _event(
            current,
            CaseEvent.Kind.CHARGE_ADDED,
            charged_on,
            actor,
            offence=offence.code,
            defendant=defendant.pk,
        )
        _audit(actor, Operation.COLLECTION, "charge", charge.pk, case=current.pk)
    return charge


def charge_result_record(
    *,
    actor: Any,
    charge: Charge,
    plea: str = "",
    plea_on: date | None = None,
    verdict: str = "",
    verdict_on: date | None = None,
) -> Charge:
    errors = {}
    if plea not in Plea.values:
        errors["plea"] = "Choose a plea"
    if verdict not in Verdict.values:
        errors["verdict"] = "Choose a verdict"
    if plea and not plea_on:
        errors["plea_on"] = "Enter the date of the plea"
    if verdict and not verdict_on:
        errors["verdict_on"] = "Enter the date of the verdict"
    for key, value in (("plea_on", plea_on), ("verdict_on", verdict_on)):
        if value and value < charge.charged_on:
            errors[key] = (
                f"{'Date of plea' if key == 'plea_on' else 'Date of verdict'} must be "
                f"on or after the date of charge ({long_date(charge.charged_on)})"
            )
        elif value and value > _today():
            errors[key] = (
                "Date of plea" if key == "plea_on" else "Date of verdict"
            ) + " must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = _touch(charge.defendant.case, None)
        Charge.objects.filter(pk=charge.pk).update(
            plea=plea, plea_on=plea_on, verdict=verdict, verdict_on=verdict_on
        )
        charge.plea, charge.plea_on, charge.verdict, charge.verdict_on = (
            plea,
            plea_on,
            verdict,
            verdict_on,
        )
        if plea:
            _event(case, CaseEvent.Kind.PLEA, plea_on, actor, charge=charge.pk, plea=plea)
        if verdict:
            _event(
                case, CaseEvent.Kind.VERDICT, verdict_on, actor, charge=charge.pk, verdict=verdict
            )
        _audit(actor, Operation.ALTERATION, "charge", charge.pk, case=case.pk)
    return charge


def sentence_record(
    *,
    actor: Any,
    defendant: Defendant,
    kind: str,
    sentenced_on: date,
    custody_months: int | None = None,
) -> Sentence:
    errors = {}
    if kind not in SentenceKind.values:
        errors["kind"] = "Choose the sentence"
    if not sentenced_on:
        errors["sentenced_on"] = "Enter the date of sentence"
    elif sentenced_on > _today():
        errors["sentenced_on"] = "Date of sentence must be today or in the past"
    if kind in {SentenceKind.IMMEDIATE_CUSTODY, SentenceKind.SUSPENDED} and not custody_months:
        errors["custody_months"] = "Enter the length of the sentence in months"
    if errors:
        raise ValidationError(errors)
    convicted = defendant.charges.filter(verdict=Verdict.CONVICTED).order_by("verdict_on").first()
    pleaded = (
        defendant.charges.filter(plea__in=[Plea.GUILTY, Plea.GUILTY_LESSER])
        .order_by("plea_on")
        .first()
    )
    first = min(
        (
            d
            for d in (getattr(convicted, "verdict_on", None), getattr(pleaded, "plea_on", None))
            if d
        ),
        default=None,
    )
    if first is None:
        raise ValidationError({"kind": "A sentence needs a guilty plea or conviction first"})
    if sentenced_on < first:
        raise ValidationError(
            {
                "sentenced_on": (
                    "Date of sentence must be on or after the plea or conviction "
                    f"({long_date(first)})"
                )
            }
        )
    with transaction.atomic():
        case = _touch(defendant.case, None)
        sentence = Sentence.objects.create(
            defendant=defendant, kind=kind, custody_months=custody_months, sentenced_on=sentenced_on
        )
        _event(
            case,
            CaseEvent.Kind.SENTENCE,
            sentenced_on,
            actor,
            defendant=defendant.pk,
            sentence_kind=kind,
        )
        _audit(actor, Operation.COLLECTION, "sentence", sentence.pk, case=case.pk)
    return sentence


def s45_screening_record(
    *,
    actor: Any,
    defendant: Defendant,
    indicator_screen: str,
    indicators: Iterable[str] = (),
    screened_on: date | None = None,
    nrm_status: str = NrmStatus.NOT_REFERRED,
    nrm_referred_on: date | None = None,
    nrm_decision_on: date | None = None,
    s45_result: str = S45Result.NOT_CONSIDERED,
    s45_considered_on: date | None = None,
    s45_rationale: str = "",
    expected_version: int | None = None,
) -> Defendant:
    """MSA 2015 s45: the trafficking indicators screen, the suspect's NRM referral, the decision."""
    indicators = list(indicators)
    errors: dict[str, str] = {}
    today = _today()
    if indicator_screen not in IndicatorScreen.values:
        errors["indicator_screen"] = "Choose the result of the screen"
    if indicator_screen != IndicatorScreen.NOT_SCREENED and not screened_on:
        errors["screened_on"] = "Enter the date of the screen"
    if indicator_screen == IndicatorScreen.INDICATORS and not indicators:
        errors["indicators"] = "Choose the indicators that are present"
    if any(i not in TraffickingIndicator.values for i in indicators):
        errors["indicators"] = "Choose indicators from the list"
    if indicator_screen != IndicatorScreen.INDICATORS:
        indicators = []
    if nrm_status not in NrmStatus.values:
        errors["nrm_status"] = "Choose the NRM status"
    if nrm_status != NrmStatus.NOT_REFERRED and not nrm_referred_on:
        errors["nrm_referred_on"] = "Enter the date of the NRM referral"
    if nrm_status not in (NrmStatus.NOT_REFERRED, NrmStatus.REFERRED) and not nrm_decision_on:
        errors["nrm_decision_on"] = "Enter the date of the NRM decision"
    if nrm_decision_on and nrm_referred_on and nrm_decision_on < nrm_referred_on:
        errors["nrm_decision_on"] = (
            "Date of the NRM decision must be on or after the NRM referral "
            f"({long_date(nrm_referred_on)})"
        )
    if s45_result not in S45Result.values:
        errors["s45_result"] = "Choose the result of the s45 consideration"
    considered = s45_result not in (S45Result.NOT_CONSIDERED,)
    if considered and not s45_considered_on:
        errors["s45_considered_on"] = "Enter the date of the consideration"
    if considered and s45_result != S45Result.NOT_APPLICABLE and not s45_rationale.strip():
        errors["s45_rationale"] = "Enter the rationale for the decision"
    for key, value, label in (
        ("screened_on", screened_on, "Date of the screen"),
        ("nrm_referred_on", nrm_referred_on, "Date of the NRM referral"),
        ("nrm_decision_on", nrm_decision_on, "Date of the NRM decision"),
        ("s45_considered_on", s45_considered_on, "Date of the consideration"),
    ):
        if value and value > today:
            errors.setdefault(key, f"{label} must be today or in the past")
    if errors:
        raise ValidationError(errors)
    fields = {
        "indicator_screen": indicator_screen,
        "indicators": indicators,
        "screened_on": screened_on if indicator_screen != IndicatorScreen.NOT_SCREENED else None,
        "nrm_status": nrm_status,
        "nrm_referred_on": nrm_referred_on if nrm_status != NrmStatus.NOT_REFERRED else None,
        "nrm_decision_on": nrm_decision_on,
        "s45_result": s45_result,
        "s45_considered_on": s45_considered_on if considered else None,
        "s45_rationale": s45_rationale.strip(),
    }
    with transaction.atomic():
        case = _touch(defendant.case, expected_version)
        Defendant.objects.filter(pk=defendant.pk).update(updated_at=timezone.now(), **fields)
        for name, value in fields.items():
            setattr(defendant, name, value)
        _event(
            case,
            CaseEvent.Kind.S45_SCREENING,
            screened_on or s45_considered_on or today,
            actor,
            defendant=defendant.pk,
            screen=indicator_screen,
            nrm=nrm_status,
            s45=s45_result,
        )
        _audit(
            actor,
            Operation.ALTERATION,
            "defendant",
            defendant.pk,
            case=case.pk,
            action="s45_screening",
        )
    return defendant


def order_record(
    *,
    actor: Any,
    case: Case,
    kind: str,
    result: str,
    applied_on: date,
    defendant: Defendant | None = None,
    decided_on: date | None = None,
    duration_months: int | None = None,
    amount_pounds: Decimal | None = None,
    breached_on: date | None = None,
    expected_version: int | None = None,
) -> Order:
    errors: dict[str, str] = {}
    today = _today()
    if kind not in OrderKind.values:
        errors["kind"] = "Choose the kind of order"
    if result not in OrderResult.values:
        errors["result"] = "Choose what happened to the application"
    if not applied_on:
        errors["applied_on"] = "Enter the date of the application"
    elif applied_on > today:
        errors["applied_on"] = "Date of the application must be today or in the past"
    if result in (OrderResult.MADE, OrderResult.REFUSED) and not decided_on:
        errors["decided_on"] = "Enter the date of the court's decision"
    if decided_on and applied_on and decided_on < applied_on:
        errors["decided_on"] = (
            f"Date of the decision must be on or after the application ({long_date(applied_on)})"
        )
    elif decided_on and decided_on > today:
        errors["decided_on"] = "Date of the decision must be today or in the past"
    if breached_on and (
        result != OrderResult.MADE or kind not in (OrderKind.PREVENTION, OrderKind.RISK)
    ):
        errors["breached_on"] = "Only a prevention or risk order that was made can be breached"
    elif breached_on and decided_on and breached_on < decided_on:
        errors["breached_on"] = (
            f"Date of the breach must be on or after the order was made ({long_date(decided_on)})"
        )
    elif breached_on and breached_on > today:
        errors["breached_on"] = "Date of the breach must be today or in the past"
    if (
        kind == OrderKind.PREVENTION
        and result == OrderResult.MADE
        and duration_months is not None
        and duration_months < 60
    ):
        errors["duration_months"] = "A prevention order lasts at least 5 years (60 months)"
    if (
        kind == OrderKind.RISK
        and result == OrderResult.MADE
        and duration_months is not None
        and duration_months < 24
    ):
        errors["duration_months"] = "A risk order lasts at least 2 years (24 months)"
    if defendant is not None and defendant.case_id != case.pk:
        errors["defendant"] = "Choose a suspect or defendant of this case"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _touch(case, expected_version)
        before_charge = current.charge_date is None or applied_on < current.charge_date
        if before_charge and kind not in (OrderKind.RISK,):
            raise ValidationError({"kind": "Only a risk order can be applied for before charge"})
        order = Order.objects.create(
            case=current,
            defendant=defendant,
            kind=kind,
            result=result,
            applied_on=applied_on,
            decided_on=decided_on,
            before_charge=before_charge,
            duration_months=duration_months,
            amount_pounds=amount_pounds,
            breached_on=breached_on,
        )
        _event(
            current,
            CaseEvent.Kind.ORDER,
            decided_on or applied_on,
            actor,
            order=order.pk,
            order_kind=kind,
            result=result,
        )
        _audit(actor, Operation.COLLECTION, "order", order.pk, case=current.pk)
    return order
