"""Writes about victims and witnesses. Each validates, writes and audits in one transaction.

Validation errors are keyed by the keyword argument's name, which is also the form field's
name, so pages show each message next to its field. Audit rows hold ids and codes only.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.cases.models import AgeBand, Case, Gender
from msht.cases.selectors import cases_visible_to
from msht.reference.dates import long_date, working_days_between
from msht.reference.dates import today as _today
from msht.reference.models import ExploitationType, Language, Nationality
from msht.reference.versioning import version_claim

from . import crypto
from .models import (
    ApplicationStatus,
    DecisionLetter,
    Eligibility,
    EngagementEvent,
    EngagementReason,
    EngagementStatus,
    FirstResponder,
    GroundsDecision,
    InterpreterBooking,
    InterviewIssue,
    InterviewQuality,
    LetterKind,
    ReviewDecisionKind,
    ReviewOutcome,
    ReviewRequest,
    SpecialMeasure,
    SpecialMeasureApplication,
    SupportEffect,
    SupportKind,
    SupportOrganisation,
    SupportOutcome,
    SupportPurpose,
    Victim,
    VideoInterview,
)

REVEAL_REASON_MIN = 10


def _claim(victim: Victim, expected_version: int | None) -> None:
    """Refuse a save made from a stale page; any change to a person moves their version on."""
    version_claim(victim, expected_version, what="this person's details")


def _audit(actor: Any, operation: str, victim: Victim, action: str, **detail: Any) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        object_type="victim",
        object_id=victim.pk,
        detail={"case": victim.case_id, "action": action, **detail},
    )


def _not_future(errors: dict, key: str, value: date | None, label: str) -> None:
    if value and value > _today():
        errors.setdefault(key, f"{label} must be today or in the past")


def _not_before(
    errors: dict, key: str, value: date | None, earlier: date | None, label: str, other: str
) -> None:
    if value and earlier and value < earlier:
        errors.setdefault(key, f"{label} must be on or after the {other} ({long_date(earlier)})")


def _choice(errors: dict, key: str, value: str, choices: Any, message: str) -> None:
    if value not in choices.values:
        errors.setdefault(key, message)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _require_identity_access(actor: Any, case: Case, *, system_allowed: bool = False) -> None:
    """Only the case team handles identities: identity roles, and the case in their scope.

    `system_allowed`: a process with no user (the demo loader, a command-line import) may
    store an identity; nothing without a user may read one.
    """
    if system_allowed and actor is None:
        return
    if not access.sees_identities(actor) or not cases_visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied("Only the case team may see or change a victim's identity.")


def _identity_errors(name: str, date_of_birth: date | None, contact: str) -> dict:
    errors: dict[str, str] = {}
    if len(name) > 200:
        errors["name"] = "Name must be 200 characters or fewer"
    if len(contact) > 1000:
        errors["contact"] = "Contact details must be 1,000 characters or fewer"
    if date_of_birth:
        if date_of_birth > _today():
            errors["date_of_birth"] = "Date of birth must be in the past"
        elif date_of_birth.year < 1900:
            errors["date_of_birth"] = "Date of birth must be after 1900"
    return errors


def _identity_token(name: str, date_of_birth: date | None, contact: str) -> str:
    return crypto.encrypt(
        {
            "name": name.strip(),
            "date_of_birth": date_of_birth.isoformat() if date_of_birth else "",
            "contact": contact.strip(),
        }
    )


# --- Victims and witnesses ----------------------------------------------------------------------


def _nationality(errors: dict, code: str) -> Nationality | None:
    if not code:
        return None
    found = Nationality.objects.filter(code=code.strip().upper()).first()
    if found is None:
        errors["nationality"] = (
            f"There is no nationality with the code '{code[:10]}'. Choose one from the list"
        )
    return found


def victim_add(
    *,
    actor: Any,
    case: Case,
    is_victim: bool = True,
    is_witness: bool = False,
    age_band: str = AgeBand.UNKNOWN,
    gender: str = Gender.UNKNOWN,
    nationality: str = "",
    name: str = "",
    date_of_birth: date | None = None,
    contact: str = "",
) -> Victim:
    """Add a victim or witness to a case, numbered V1, V2 ... in the order they are added."""
    errors: dict[str, str] = {}
    if not (is_victim or is_witness):
        errors["is_victim"] = "Select whether the person is a victim, a witness or both"
    _choice(errors, "age_band", age_band, AgeBand, "Select an age band")
    _choice(errors, "gender", gender, Gender, "Select a gender")
    found = _nationality(errors, nationality)
    errors.update(_identity_errors(name, date_of_birth, contact))
    _raise(errors)
    identity = name.strip() or date_of_birth or contact.strip()
    if identity:
        _require_identity_access(actor, case, system_allowed=True)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        number = (locked.victims.aggregate(top=Max("number"))["top"] or 0) + 1
        victim = Victim.objects.create(
            case=locked,
            number=number,
            is_victim=is_victim,
            is_witness=is_witness,
            age_band=age_band,
            gender=gender,
            nationality=found,
            identity_ciphertext=_identity_token(name, date_of_birth, contact) if identity else "",
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _audit(actor, Operation.COLLECTION, victim, "added", identity=bool(identity))
    return victim


def victim_identity_update(
    *,
    actor: Any,
    victim: Victim,
    name: str = "",
    date_of_birth: date | None = None,
    contact: str = "",
    expected_version: int | None = None,
) -> Victim:
    """Replace the identifying details (all three together: they are one encrypted token)."""
    _require_identity_access(actor, victim.case, system_allowed=True)
    errors = _identity_errors(name, date_of_birth, contact)
    if not (name.strip() or date_of_birth or contact.strip()):
        errors["name"] = "Enter at least one identifying detail: a name, date of birth or contact"
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        token = _identity_token(name, date_of_birth, contact)
        Victim.objects.filter(pk=victim.pk).update(
            identity_ciphertext=token, updated_at=timezone.now()
        )
        victim.identity_ciphertext = token
        _audit(actor, Operation.ALTERATION, victim, "identity_changed", identity=bool(token))
    return victim


def victim_view_record(*, actor: Any, victim: Victim, page: str) -> None:
    """Opening a page about one person (a form showing their record) is a consultation."""
    with transaction.atomic():
        _audit(actor, Operation.CONSULTATION, victim, "viewed", page=page[:80])


def victim_identity_reveal(*, actor: Any, victim: Victim, reason: str) -> dict[str, Any]:
    """The decrypted identity, for the case team, with the reason recorded as a consultation."""
    _require_identity_access(actor, victim.case)
    reason = (reason or "").strip()
    if len(reason) < REVEAL_REASON_MIN:
        raise ValidationError(
            {"reason": "Enter why you need to see this person's identity, in a sentence"}
        )
    if len(reason) > 500:
        raise ValidationError({"reason": "Reason must be 500 characters or fewer"})
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            object_type="victim_identity",
            object_id=victim.pk,
            reason=reason,
            detail={"case": victim.case_id, "action": "identity_revealed"},
        )
    # Read the token afresh: the caller's copy may predate a key rotation.
    token = Victim.objects.filter(pk=victim.pk).values_list("identity_ciphertext", flat=True).get()
    identity = crypto.decrypt(token)
    dob = identity.get("date_of_birth")
    return {
        "name": identity.get("name", ""),
        "date_of_birth": date.fromisoformat(dob) if dob else None,
        "contact": identity.get("contact", ""),
    }


def victim_trial_date_record(
    *, actor: Any, victim: Victim, trial_date: date | None, expected_version: int | None = None
) -> Victim:
    """The trial the person is warned to attend (empty when it is vacated or not yet listed)."""
    if trial_date and not (date(1990, 1, 1) <= trial_date <= _today() + timedelta(days=5 * 366)):
        raise ValidationError(
            {"trial_date": "Trial date must be a real date within the next 5 years"}
        )
    with transaction.atomic():
        _claim(victim, expected_version)
        Victim.objects.filter(pk=victim.pk).update(trial_date=trial_date, updated_at=timezone.now())
        victim.trial_date = trial_date
        _audit(actor, Operation.ALTERATION, victim, "trial_date_recorded")
    return victim


# --- NRM ----------------------------------------------------------------------------------------


def nrm_record(
    *,
    actor: Any,
    victim: Victim,
    referred: bool,
    referral_date: date | None = None,
    first_responder: str = "",
    rg_decision: str = "",
    rg_decision_date: date | None = None,
    cg_decision: str = "",
    cg_decision_date: date | None = None,
    exploitation_types: Iterable[str] = (),
    expected_version: int | None = None,
) -> Victim:
    """The victim's NRM position as it now stands (the referral and both decisions)."""
    errors: dict[str, str] = {}
    codes = sorted({code.strip().upper() for code in exploitation_types if code.strip()})
    types = list(ExploitationType.objects.filter(code__in=codes))
    if len(types) != len(codes):
        unknown = sorted(set(codes) - {t.code for t in types})
        errors["exploitation_types"] = (
            f"Unknown exploitation type {', '.join(unknown)[:60]}. Choose from the list"
        )
    if first_responder:
        _choice(
            errors,
            "first_responder",
            first_responder,
            FirstResponder,
            "Select the type of first responder",
        )
    for key, value in (("rg_decision", rg_decision), ("cg_decision", cg_decision)):
        if value:
            _choice(errors, key, value, GroundsDecision, "Select positive or negative")
    if not referred:
        if rg_decision or cg_decision or referral_date:
            errors["referred"] = (
                "A person who has not been referred to the NRM cannot have a referral date "
                "or a decision. Select 'Yes' if they were referred"
            )
    else:
        if not referral_date:
            errors["referral_date"] = "Enter the date of the NRM referral"
        if not first_responder:
            errors.setdefault("first_responder", "Select the type of first responder")
    if rg_decision and not rg_decision_date:
        errors["rg_decision_date"] = "Enter the date of the reasonable grounds decision"
    if rg_decision_date and not rg_decision:
        errors["rg_decision"] = "Select the reasonable grounds decision, or remove its date"
    if cg_decision and not cg_decision_date:
        errors["cg_decision_date"] = "Enter the date of the conclusive grounds decision"
    if cg_decision_date and not cg_decision:
        errors["cg_decision"] = "Select the conclusive grounds decision, or remove its date"
    if cg_decision and rg_decision != GroundsDecision.POSITIVE:
        errors.setdefault(
            "cg_decision",
            "A conclusive grounds decision follows a positive reasonable grounds decision",
        )
    _not_future(errors, "referral_date", referral_date, "Date of the NRM referral")
    _not_future(
        errors, "rg_decision_date", rg_decision_date, "Date of the reasonable grounds decision"
    )
    _not_future(
        errors, "cg_decision_date", cg_decision_date, "Date of the conclusive grounds decision"
    )
    _not_before(
        errors,
        "rg_decision_date",
        rg_decision_date,
        referral_date,
        "Date of the reasonable grounds decision",
        "NRM referral date",
    )
    _not_before(
        errors,
        "cg_decision_date",
        cg_decision_date,
        rg_decision_date,
        "Date of the conclusive grounds decision",
        "reasonable grounds decision date",
    )
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        victim.nrm_referred = referred
        victim.nrm_referral_date = referral_date
        victim.first_responder = first_responder if referred else ""
        victim.rg_decision, victim.rg_decision_date = rg_decision, rg_decision_date
        victim.cg_decision, victim.cg_decision_date = cg_decision, cg_decision_date
        victim.save(
            update_fields=[
                "nrm_referred",
                "nrm_referral_date",
                "first_responder",
                "rg_decision",
                "rg_decision_date",
                "cg_decision",
                "cg_decision_date",
                "updated_at",
            ]
        )
        victim.exploitation_types.set(types)
        _audit(actor, Operation.ALTERATION, victim, "nrm_recorded", rg=rg_decision, cg=cg_decision)
    return victim


# --- Special measures ---------------------------------------------------------------------------


def special_measure_apply(
    *,
    actor: Any,
    victim: Victim,
    measure: str,
    applied_on: date | None,
    eligibility: str = Eligibility.MSA_S46,
    expected_version: int | None = None,
) -> SpecialMeasureApplication:
    errors: dict[str, str] = {}
    _choice(errors, "measure", measure, SpecialMeasure, "Select the special measure applied for")
    _choice(errors, "eligibility", eligibility, Eligibility, "Select why the witness is eligible")
    if not applied_on:
        errors["applied_on"] = "Enter the date of the application"
    _not_future(errors, "applied_on", applied_on, "Date of the application")
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        pending = SpecialMeasureApplication.objects.select_for_update().filter(
            victim=victim, measure=measure, status=ApplicationStatus.APPLIED
        )
        if pending.exists():
            raise ValidationError(
                {
                    "measure": f"An application for {SpecialMeasure(measure).label.lower()} is "
                    "already waiting for a decision. Record that decision first"
                }
            )
        application = SpecialMeasureApplication.objects.create(
            victim=victim, measure=measure, eligibility=eligibility, applied_on=applied_on
        )
        _audit(
            actor,
            Operation.COLLECTION,
            victim,
            "special_measure_applied",
            application=application.pk,
            measure=measure,
        )
    return application


def special_measure_decide(
    *,
    actor: Any,
    application: SpecialMeasureApplication,
    status: str,
    decided_on: date | None,
    expected_version: int | None = None,
) -> SpecialMeasureApplication:
    errors: dict[str, str] = {}
    if status not in {
        ApplicationStatus.GRANTED,
        ApplicationStatus.REFUSED,
        ApplicationStatus.WITHDRAWN,
    }:
        errors["status"] = "Select granted, refused or withdrawn"
    if not decided_on:
        errors["decided_on"] = "Enter the date of the decision"
    _not_future(errors, "decided_on", decided_on, "Date of the decision")
    if decided_on and decided_on < application.applied_on:
        errors.setdefault(
            "decided_on",
            "The decision cannot come before the application: the date of the decision must "
            f"be on or after the date of the application ({long_date(application.applied_on)})",
        )
    _raise(errors)
    with transaction.atomic():
        _claim(application.victim, expected_version)
        current = SpecialMeasureApplication.objects.select_for_update().get(pk=application.pk)
        if current.status != ApplicationStatus.APPLIED:
            raise ValidationError(
                {
                    "status": "This application has already been decided "
                    f"({current.get_status_display().lower()})"
                }
            )
        current.status, current.decided_on = status, decided_on
        current.save(update_fields=["status", "decided_on"])
        _audit(
            actor,
            Operation.ALTERATION,
            current.victim,
            "special_measure_decided",
            application=current.pk,
            status=status,
        )
    return current


def video_interview_record(
    *,
    actor: Any,
    victim: Victim,
    interviewed_on: date | None,
    quality: str,
    issues: Iterable[str] = (),
    expected_version: int | None = None,
) -> VideoInterview:
    errors: dict[str, str] = {}
    issues = list(dict.fromkeys(issues))
    if not interviewed_on:
        errors["interviewed_on"] = "Enter the date of the interview"
    _not_future(errors, "interviewed_on", interviewed_on, "Date of the interview")
    _choice(errors, "quality", quality, InterviewQuality, "Select the quality of the interview")
    if any(code not in InterviewIssue.values for code in issues):
        errors["issues"] = "Select issues from the list"
    if quality == InterviewQuality.POOR and not issues:
        errors.setdefault("issues", "Select the issues that make the interview poor")
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        interview = VideoInterview.objects.create(
            victim=victim, interviewed_on=interviewed_on, quality=quality, issues=issues
        )
        _audit(
            actor,
            Operation.COLLECTION,
            victim,
            "interview_rated",
            interview=interview.pk,
            quality=quality,
        )
    return interview


# --- Interpreters and intermediaries ------------------------------------------------------------


def interpreter_request(
    *,
    actor: Any,
    victim: Victim,
    kind: str,
    purpose: str,
    requested_on: date | None,
    needed_by: date | None,
    language: str = "",
    expected_version: int | None = None,
) -> InterpreterBooking:
    """A request for an interpreter (language required) or a registered intermediary."""
    errors: dict[str, str] = {}
    _choice(errors, "kind", kind, SupportKind, "Select interpreter or intermediary")
    _choice(errors, "purpose", purpose, SupportPurpose, "Select what it is needed for")
    found = None
    code = (language or "").strip().lower()
    if code:
        found = Language.objects.filter(code=code).first() or (
            Language.objects.filter(alpha_2=code).first() if len(code) == 2 else None
        )
        if found is None:
            errors["language"] = (
                f"There is no language with the code '{code[:12]}'. Choose a language from the list"
            )
    elif kind == SupportKind.INTERPRETER:
        errors["language"] = "Select the language the interpreter is needed for"
    if not requested_on:
        errors["requested_on"] = "Enter the date of the request"
    if not needed_by:
        errors["needed_by"] = "Enter the date the interpreter or intermediary is needed"
    _not_future(errors, "requested_on", requested_on, "Date of the request")
    _not_before(errors, "needed_by", needed_by, requested_on, "Date needed", "date of the request")
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        booking = InterpreterBooking.objects.create(
            victim=victim,
            kind=kind,
            language=found,
            purpose=purpose,
            requested_on=requested_on,
            needed_by=needed_by,
        )
        _audit(
            actor, Operation.COLLECTION, victim, "support_requested", booking=booking.pk, kind=kind
        )
    return booking


def interpreter_book(
    *,
    actor: Any,
    booking: InterpreterBooking,
    booked_on: date | None,
    expected_version: int | None = None,
) -> InterpreterBooking:
    errors: dict[str, str] = {}
    if not booked_on:
        errors["booked_on"] = "Enter the date the booking was confirmed"
    _not_future(errors, "booked_on", booked_on, "Date of the booking")
    _not_before(
        errors,
        "booked_on",
        booked_on,
        booking.requested_on,
        "Date of the booking",
        "date of the request",
    )
    if booked_on and booked_on > booking.needed_by:
        errors.setdefault(
            "booked_on",
            f"Date of the booking must be on or before the date needed "
            f"({long_date(booking.needed_by)}). Record a late or missing interpreter as the "
            "outcome instead",
        )
    _raise(errors)
    with transaction.atomic():
        _claim(booking.victim, expected_version)
        current = InterpreterBooking.objects.select_for_update().get(pk=booking.pk)
        if current.outcome:
            raise ValidationError({"booked_on": "The outcome of this booking is already recorded"})
        current.booked_on = booked_on
        current.save(update_fields=["booked_on"])
        _audit(actor, Operation.ALTERATION, current.victim, "support_booked", booking=current.pk)
    return current


def interpreter_outcome_record(
    *,
    actor: Any,
    booking: InterpreterBooking,
    outcome: str,
    effect: str,
    expected_version: int | None = None,
) -> InterpreterBooking:
    errors: dict[str, str] = {}
    _choice(errors, "outcome", outcome, SupportOutcome, "Select what happened")
    _choice(errors, "effect", effect, SupportEffect, "Select the effect on the case")
    if outcome == SupportOutcome.PROVIDED and effect and effect != SupportEffect.NONE:
        errors["effect"] = (
            "An interpreter or intermediary provided on time cannot have caused an adjournment: "
            "select 'No effect on the case', or a different outcome"
        )
    if booking.needed_by > _today():
        errors["outcome"] = (
            f"You can record what happened on or after the date it was needed "
            f"({long_date(booking.needed_by)})"
        )
    _raise(errors)
    with transaction.atomic():
        _claim(booking.victim, expected_version)
        current = InterpreterBooking.objects.select_for_update().get(pk=booking.pk)
        current.outcome, current.effect = outcome, effect
        current.save(update_fields=["outcome", "effect"])
        _audit(
            actor,
            Operation.ALTERATION,
            current.victim,
            "support_outcome",
            booking=current.pk,
            outcome=outcome,
            effect=effect,
        )
    return current


# --- Engagement ---------------------------------------------------------------------------------


def engagement_record(
    *,
    actor: Any,
    victim: Victim,
    status: str,
    occurred_on: date | None,
    reason: str = "",
    support_organisation: str = "",
    expected_version: int | None = None,
) -> EngagementEvent:
    errors: dict[str, str] = {}
    _choice(errors, "status", status, EngagementStatus, "Select the victim's engagement")
    _choice(errors, "reason", reason, EngagementReason, "Select a reason from the list")
    _choice(
        errors,
        "support_organisation",
        support_organisation,
        SupportOrganisation,
        "Select a support organisation from the list",
    )
    if status == EngagementStatus.WITHDRAWN and not reason:
        errors.setdefault("reason", "Select why the victim withdrew")
    if not occurred_on:
        errors["occurred_on"] = "Enter the date"
    _not_future(errors, "occurred_on", occurred_on, "Date")
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        event = EngagementEvent.objects.create(
            victim=victim,
            status=status,
            occurred_on=occurred_on,
            reason=reason,
            support_organisation=support_organisation,
        )
        _audit(
            actor,
            Operation.COLLECTION,
            victim,
            "engagement_recorded",
            event=event.pk,
            status=status,
        )
    return event


# --- Right to review and decision letters -------------------------------------------------------


def review_request_record(
    *,
    actor: Any,
    victim: Victim,
    decision_kind: str,
    requested_on: date | None,
    expected_version: int | None = None,
) -> ReviewRequest:
    errors: dict[str, str] = {}
    _choice(
        errors,
        "decision_kind",
        decision_kind,
        ReviewDecisionKind,
        "Select the decision the victim asked to be reviewed",
    )
    if not requested_on:
        errors["requested_on"] = "Enter the date of the request"
    _not_future(errors, "requested_on", requested_on, "Date of the request")
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        review = ReviewRequest.objects.create(
            victim=victim, decision_kind=decision_kind, requested_on=requested_on
        )
        _audit(actor, Operation.COLLECTION, victim, "review_requested", review=review.pk)
    return review


def review_outcome_record(
    *,
    actor: Any,
    review: ReviewRequest,
    outcome: str,
    outcome_on: date | None,
    expected_version: int | None = None,
) -> ReviewRequest:
    errors: dict[str, str] = {}
    _choice(errors, "outcome", outcome, ReviewOutcome, "Select the outcome of the review")
    if not outcome_on:
        errors["outcome_on"] = "Enter the date of the outcome"
    _not_future(errors, "outcome_on", outcome_on, "Date of the outcome")
    _not_before(
        errors,
        "outcome_on",
        outcome_on,
        review.requested_on,
        "Date of the outcome",
        "date of the request",
    )
    _raise(errors)
    with transaction.atomic():
        _claim(review.victim, expected_version)
        current = ReviewRequest.objects.select_for_update().get(pk=review.pk)
        if current.outcome:
            raise ValidationError({"outcome": "The outcome of this review is already recorded"})
        current.outcome, current.outcome_on = outcome, outcome_on
        current.save(update_fields=["outcome", "outcome_on"])
        _audit(
            actor,
            Operation.ALTERATION,
            current.victim,
            "review_decided",
            review=current.pk,
            outcome=outcome,
        )
    return current


def letter_target_working_days(victim: Victim) -> int:
    """Victims' Code: 1 working day for victims entitled to enhanced rights (every MSHT victim
    is, as an intimidated witness, MSA 2015 s46), 5 for others. Settings may change both."""
    if victim.is_victim:
        return int(getattr(settings, "VICTIM_LETTER_TARGET_WORKING_DAYS", 1))
    return int(getattr(settings, "WITNESS_LETTER_TARGET_WORKING_DAYS", 5))


def decision_letter_record(
    *,
    actor: Any,
    victim: Victim,
    kind: str,
    decision_on: date | None,
    sent_on: date | None,
    expected_version: int | None = None,
) -> DecisionLetter:
    errors: dict[str, str] = {}
    _choice(errors, "kind", kind, LetterKind, "Select the decision the letter explains")
    if not decision_on:
        errors["decision_on"] = "Enter the date of the decision"
    if not sent_on:
        errors["sent_on"] = "Enter the date the letter was sent"
    _not_future(errors, "decision_on", decision_on, "Date of the decision")
    _not_future(errors, "sent_on", sent_on, "Date the letter was sent")
    _not_before(
        errors, "sent_on", sent_on, decision_on, "Date the letter was sent", "date of the decision"
    )
    _raise(errors)
    with transaction.atomic():
        _claim(victim, expected_version)
        letter = DecisionLetter.objects.create(
            victim=victim,
            kind=kind,
            decision_on=decision_on,
            sent_on=sent_on,
            working_days_taken=working_days_between(decision_on, sent_on),
            target_working_days=letter_target_working_days(victim),
        )
        _audit(actor, Operation.COLLECTION, victim, "letter_recorded", letter=letter.pk)
    return letter


# --- Keys ---------------------------------------------------------------------------------------


def identity_keys_rotate(*, actor: Any = None, batch_size: int = 500) -> int:
    """Re-encrypt every stored identity with the newest key, in one transaction. Returns the
    number of identities re-encrypted. Fails (writing nothing) if any cannot be decrypted."""
    count = 0
    with transaction.atomic():
        pks = list(
            Victim.objects.exclude(identity_ciphertext="")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(pks), batch_size):
            batch = list(
                Victim.objects.filter(pk__in=pks[start : start + batch_size]).only(
                    "pk", "identity_ciphertext"
                )
            )
            for victim in batch:
                victim.identity_ciphertext = crypto.rotate(victim.identity_ciphertext)
            Victim.objects.bulk_update(batch, ["identity_ciphertext"])
            count += len(batch)
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type="victim_identity",
            detail={"action": "keys_rotated", "count": count},
        )
    return count
