"""Milestones: police referral, advice, charging decision, hearings, trial, outcome, reopening."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from msht.accounts import access
from msht.audit.models import Operation
from msht.reference.dates import long_date
from msht.reference.models import (
    FinalisationOutcome,
    UnsuccessfulReason,
)

from ..models import (
    Case,
    CaseEvent,
    CaseStatus,
    ChargingDecision,
)
from ..rules import (
    DECISION_STATUS,
    check_dates,
    check_not_future,
    check_transition,
)
from .common import (
    audit,
    event_add,
    lock_case,
    require_value,
    save_case,
)


def police_referral_record(
    *, actor: Any, case: Case, referred_on: date, expected_version: int | None = None
) -> Case:
    """The police referral; after a referral back it records the police's resubmission."""
    require_value(referred_on, "referred_on", "Enter the date the police referred the case")
    with transaction.atomic():
        current = lock_case(case, expected_version)
        if current.status == CaseStatus.REFERRED_BACK:
            keys = {"referral_date": "referred_on"}
            check_not_future(referred_on, "referral_date", "referred_on")
            if referred_on < (current.charging_decision_date or referred_on):
                raise ValidationError(
                    {
                        "referred_on": (
                            "Date of resubmission must be on or after the charging decision date "
                            f"({long_date(current.charging_decision_date)})"
                        )
                    }
                )
            check_transition(current, CaseStatus.PRE_CHARGE)
            save_case(current, {"status": CaseStatus.PRE_CHARGE})
            event_add(current, CaseEvent.Kind.POLICE_RESUBMISSION, referred_on, actor)
        elif current.status == CaseStatus.PRE_CHARGE:
            keys = {"referral_date": "referred_on"}
            check_dates(current, {"referral_date": referred_on}, keys)
            save_case(current, {"referral_date": referred_on})
            event_add(current, CaseEvent.Kind.POLICE_REFERRAL, referred_on, actor)
        else:
            raise ValidationError(
                {
                    "referred_on": (
                        "A police referral can only be recorded before the charging decision, "
                        "or after the case was referred back to the police"
                    )
                }
            )
        audit(actor, Operation.ALTERATION, "case", current.pk, milestone="police_referral")
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
    require_value(requested_on, "requested_on", "Enter the date advice was requested")
    with transaction.atomic():
        current = lock_case(case, expected_version)
        if current.referral_date is None:
            raise ValidationError({"requested_on": "Record the police referral first"})
        if not current.is_open:
            raise ValidationError({"requested_on": "The case is closed"})
        if given_on and lawyer is None:
            raise ValidationError({"lawyer": "Choose the lawyer who gave the advice"})
        if lawyer is not None and not access.is_lawyer(lawyer):
            raise ValidationError({"lawyer": "Choose a lawyer"})
        keys = {"advice_requested_date": "requested_on", "advice_given_date": "given_on"}
        changes = {"advice_requested_date": requested_on, "advice_given_date": given_on}
        check_dates(current, changes, keys)
        save_case(current, {**changes, "advice_lawyer": lawyer})
        if requested_on != case.advice_requested_date:
            event_add(current, CaseEvent.Kind.ADVICE_REQUESTED, requested_on, actor)
        if given_on:
            event_add(
                current,
                CaseEvent.Kind.ADVICE_GIVEN,
                given_on,
                actor,
                turnaround_days=(given_on - requested_on).days,
                lawyer=getattr(lawyer, "pk", None),
            )
        audit(actor, Operation.ALTERATION, "case", current.pk, milestone="advice")
    return current


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
    require_value(decided_on, "decided_on", "Enter the date of the charging decision")
    if decision != ChargingDecision.CHARGE and not (reasons or "").strip():
        raise ValidationError({"reasons": "Enter the reasons for the decision"})
    if decision == ChargingDecision.REFER_BACK and not (action_plan or "").strip():
        raise ValidationError({"action_plan": "Enter the action plan for the police"})
    with transaction.atomic():
        current = lock_case(case, expected_version)
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
        check_transition(current, new_status)
        keys = {"charging_decision_date": "decided_on", "charge_date": "decided_on"}
        changes: dict[str, Any] = {"charging_decision_date": decided_on}
        if decision == ChargingDecision.CHARGE:
            changes["charge_date"] = decided_on
        check_dates(current, changes, keys)
        save_case(current, {**changes, "charging_decision": decision, "status": new_status})
        # Reasons and action plans are free text about people: kept on the event, not audited.
        event_add(
            current,
            CaseEvent.Kind.CHARGING_DECISION,
            decided_on,
            actor,
            decision=decision,
            reasons=reasons.strip(),
            action_plan=action_plan.strip(),
        )
        audit(
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
    require_value(heard_on, "heard_on", "Enter the date of the first hearing")
    with transaction.atomic():
        current = lock_case(case, expected_version)
        if current.status not in {CaseStatus.CHARGED, CaseStatus.IN_COURT}:
            raise ValidationError({"heard_on": "A first hearing can only follow a charge"})
        check_dates(current, {"first_hearing_date": heard_on}, {"first_hearing_date": "heard_on"})
        check_transition(current, CaseStatus.IN_COURT)
        save_case(current, {"first_hearing_date": heard_on, "status": CaseStatus.IN_COURT})
        event_add(current, CaseEvent.Kind.FIRST_HEARING, heard_on, actor)
        audit(actor, Operation.ALTERATION, "case", current.pk, milestone="first_hearing")
    return current


def trial_record(
    *, actor: Any, case: Case, trial_on: date, expected_version: int | None = None
) -> Case:
    require_value(trial_on, "trial_on", "Enter the date the trial started")
    with transaction.atomic():
        current = lock_case(case, expected_version)
        if current.status != CaseStatus.IN_COURT or current.first_hearing_date is None:
            raise ValidationError({"trial_on": "Record the first hearing before the trial"})
        check_dates(current, {"trial_date": trial_on}, {"trial_date": "trial_on"})
        save_case(current, {"trial_date": trial_on})
        event_add(current, CaseEvent.Kind.TRIAL, trial_on, actor)
        audit(actor, Operation.ALTERATION, "case", current.pk, milestone="trial")
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
    require_value(finalised_on, "finalised_on", "Enter the date the case was finalised")
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
        current = lock_case(case, expected_version)
        if current.status not in {CaseStatus.CHARGED, CaseStatus.IN_COURT}:
            raise ValidationError({"finalised_on": "Only a charged case can be finalised"})
        check_dates(current, {"finalised_date": finalised_on}, {"finalised_date": "finalised_on"})
        check_transition(current, CaseStatus.FINALISED)
        save_case(
            current,
            {
                "finalised_date": finalised_on,
                "outcome": outcome,
                "unsuccessful_reason": unsuccessful_reason,
                "status": CaseStatus.FINALISED,
            },
        )
        event_add(
            current,
            CaseEvent.Kind.FINALISATION,
            finalised_on,
            actor,
            outcome=outcome.code,
            reason=getattr(unsuccessful_reason, "code", None),
        )
        audit(
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
        current = lock_case(case, expected_version)
        check_transition(current, CaseStatus.PRE_CHARGE)
        check_not_future(reopened_on, "charging_decision_date", "reopened_on")
        save_case(
            current,
            {
                "status": CaseStatus.PRE_CHARGE,
                "charging_decision": "",
                "charging_decision_date": None,
            },
        )
        event_add(
            current,
            CaseEvent.Kind.POLICE_RESUBMISSION,
            reopened_on,
            actor,
            reopened=True,
            reason=reason.strip(),
        )
        audit(actor, Operation.ALTERATION, "case", current.pk, action="reopened")
    return current
