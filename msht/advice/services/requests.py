"""Writes for early investigative advice: request, triage (accept or decline), advice, link.

Each validates, writes and audits in one transaction. Requests carry a `version`; callers that
showed a form pass the version it was built from, and a stale save is refused (decision 0100).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import Capability
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.cases.models import AllocationRule
from msht.cases.services import case_create, police_referral_record, recommend_from_facts
from msht.cases.urn import urn_parse
from msht.reference.dates import long_date, today
from msht.reference.models import ExploitationType, Unit

from ..models import (
    ActionPlanItem,
    AdviceRequest,
    DeclineReason,
    PartnerApiKey,
    RequestDecline,
    RequestStatus,
    Urgency,
)

CONFLICT_MESSAGE = (
    "Someone else saved changes to this request after you opened it, so your changes have not "
    "been saved. Open the request again to see the latest details, then make your changes again."
)
MAX_COUNT = 10_000
MAX_ACTION_ITEMS = 20


class AdviceConflict(ValidationError):
    def __init__(self, message: str = CONFLICT_MESSAGE):
        super().__init__(message, code="conflict")


class AdviceRefused(Exception):
    """The actor may not do this to this request: the views answer 404."""


def _audit(actor: Any, operation: str, request_id: Any, *, recipient: str = "", **detail) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        object_type="advice_request",
        object_id=request_id,
        recipient=recipient,
        detail=detail,
    )


def _lock(request: AdviceRequest, expected_version: int | None) -> AdviceRequest:
    current = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and current.version != int(expected_version):
        raise AdviceConflict()
    return current


def _save(request: AdviceRequest, fields: dict[str, Any]) -> AdviceRequest:
    updated = AdviceRequest.objects.filter(pk=request.pk, version=request.version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise AdviceConflict()
    for name, value in fields.items():
        setattr(request, name, value)
    request.version += 1
    return request


def _text(errors: dict, key: str, value: str, message: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        errors[key] = message
    elif len(value) > max_length:
        label = message.removeprefix("Enter the ").removeprefix("Enter ")
        errors[key] = f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer"
    return value


def _count(errors: dict, key: str, value: Any, label: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
        errors[key] = f"{label} must be a whole number between 0 and {MAX_COUNT:,}"


def request_recommendation(
    *, suspect_count: int, victim_count: int, exploitation_codes: Iterable[str]
):
    """What the casework referral criteria recommend for the facts a request gives."""
    facts = {
        "victim_count": victim_count or 0,
        "suspect_count": suspect_count or 0,
        "international": False,
        "organised_crime_group": False,
        "joint_investigation_team": False,
        "child_victim": False,
        "county_lines": False,
        "exploitation_type": set(exploitation_codes),
    }
    rules = AllocationRule.objects.filter(enabled=True).select_related("recommended_unit")
    return recommend_from_facts(facts, list(rules))


def advice_request_create(
    *,
    actor: Any,
    operation_name: str,
    officer_name: str,
    officer_contact: str,
    summary: str,
    exploitation_types: Iterable[ExploitationType],
    suspect_count: int,
    victim_count: int,
    advice_sought: str,
    urgency: str,
    requested_by_date: date | None,
    api_key: PartnerApiKey | None = None,
    requested_on: date | None = None,
) -> AdviceRequest:
    """A police partner's request. It lands in the Area its force belongs to.

    `requested_on` (default today) records a request first made another way, like by email."""
    if not access.can(actor, Capability.ADVICE_REQUEST):
        raise AdviceRefused
    force = actor.police_force
    if force is None or force.area_id is None:
        raise ValidationError("Your account is not linked to a police force with a CPS Area")
    errors: dict[str, str] = {}
    operation_name = _text(
        errors, "operation_name", operation_name, "Enter the operation name", 100
    )
    officer_name = _text(
        errors, "officer_name", officer_name, "Enter the name of the officer in the case", 200
    )
    officer_contact = _text(
        errors, "officer_contact", officer_contact, "Enter the officer's contact details", 200
    )
    summary = _text(errors, "summary", summary, "Enter a summary of the allegation", 5000)
    advice_sought = _text(
        errors, "advice_sought", advice_sought, "Enter the advice you are asking for", 5000
    )
    _count(errors, "suspect_count", suspect_count, "Number of suspects")
    _count(errors, "victim_count", victim_count, "Number of potential victims")
    if urgency not in Urgency.values:
        errors["urgency"] = "Select how urgent the request is"
    requested_on = requested_on or today()
    if requested_on > today():
        errors["requested_on"] = "The date of the request must be today or in the past"
    if requested_by_date is None:
        errors["requested_by_date"] = "Enter the date you need the advice by"
    elif requested_by_date < requested_on:
        errors["requested_by_date"] = "The date you need the advice by must be today or later"
    if errors:
        raise ValidationError(errors)
    assert requested_by_date is not None  # checked above
    types = list(exploitation_types)
    recommendation = request_recommendation(
        suspect_count=suspect_count,
        victim_count=victim_count,
        exploitation_codes=[t.code for t in types],
    )
    with transaction.atomic():
        request = AdviceRequest.objects.create(
            police_force=force,
            area_id=force.area_id,
            operation_name=operation_name,
            officer_name=officer_name,
            officer_contact=officer_contact,
            summary=summary,
            suspect_count=suspect_count,
            victim_count=victim_count,
            advice_sought=advice_sought,
            urgency=urgency,
            requested_by_date=requested_by_date,
            requested_on=requested_on,
            requested_by=actor if isinstance(actor, User) else None,
            requested_with_key=api_key,
            recommended_unit=recommendation.unit,
            recommendation_reasons=recommendation.reasons,
        )
        request.exploitation_types.set(types)
        _audit(
            actor,
            Operation.COLLECTION,
            request.pk,
            force=force.code,
            area=request.area_id,
            via="api" if api_key else "page",
        )
    return request


def _triage_date(request: AdviceRequest, triaged_on: date | None) -> date:
    """Triage is dated today unless recorded later (never before the request, never ahead)."""
    triaged_on = triaged_on or today()
    if triaged_on > today() or triaged_on < request.requested_on:
        raise ValidationError(
            "The date of triage must be on or after the date of the request "
            f"({long_date(request.requested_on)}) and not in the future"
        )
    return triaged_on


def advice_request_accept(
    *,
    actor: Any,
    request: AdviceRequest,
    expected_version: int | None,
    unit: Unit | None,
    lawyer: Any,
    reason: str = "",
    triaged_on: date | None = None,
) -> AdviceRequest:
    """Accept and allocate, following the criteria's recommendation or saying why not."""
    if not access.advice_may_triage(actor, request.area_id):
        raise AdviceRefused
    with transaction.atomic():
        current = _lock(request, expected_version)
        errors: dict[str, str] = {}
        reason = (reason or "").strip()
        if current.status != RequestStatus.SUBMITTED:
            raise ValidationError("This request has already been triaged")
        if unit is None:
            errors["unit"] = "Select the unit that will give the advice"
        elif current.recommended_unit_id and unit.pk != current.recommended_unit_id and not reason:
            errors["reason"] = (
                f"Explain why the request goes to the {unit.name.lower()} and not the "
                f"recommended {getattr(current.recommended_unit, 'name', '').lower()}"
            )
        if len(reason) > 1000:
            errors["reason"] = "The reason must be 1,000 characters or fewer"
        if lawyer is None:
            errors["lawyer"] = "Select the prosecutor who will give the advice"
        elif not User.objects.filter(
            access.eia_allocatable_lawyers_q(current.area_id), pk=lawyer.pk
        ):
            errors["lawyer"] = "Select a prosecutor from the request's Area"
        if errors:
            raise ValidationError(errors)
        assert unit is not None and lawyer is not None  # checked above
        _save(
            current,
            {
                "status": RequestStatus.ACCEPTED,
                "triaged_on": _triage_date(current, triaged_on),
                "triaged_by": actor,
                "unit": unit,
                "lawyer": lawyer,
                "allocation_reason": reason,
            },
        )
        _audit(
            actor,
            Operation.ALTERATION,
            current.pk,
            action="accepted",
            unit=unit.code,
            lawyer=lawyer.pk,
            follows_criteria=unit.pk == current.recommended_unit_id,
        )
    return current


def advice_request_decline(
    *,
    actor: Any,
    request: AdviceRequest,
    expected_version: int | None,
    reasons: dict[str, str],
    police_respond_by: date | None,
    triaged_on: date | None = None,
) -> AdviceRequest:
    """Decline with at least one structured reason (each with an optional detail) and a date
    by which the police should respond."""
    if not access.advice_may_triage(actor, request.area_id):
        raise AdviceRefused
    errors: dict[str, str] = {}
    unknown = set(reasons) - set(DeclineReason.values)
    if not reasons or unknown:
        errors["reasons"] = "Select at least one reason for declining the request"
    for detail in reasons.values():
        if len((detail or "").strip()) > 500:
            errors["reasons"] = "Each detail must be 500 characters or fewer"
    if police_respond_by is None:
        errors["police_respond_by"] = "Enter the date by which the police should respond"
    elif police_respond_by < today():
        errors["police_respond_by"] = (
            "The date by which the police should respond must be today or later"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _lock(request, expected_version)
        if current.status != RequestStatus.SUBMITTED:
            raise ValidationError("This request has already been triaged")
        _save(
            current,
            {
                "status": RequestStatus.DECLINED,
                "triaged_on": _triage_date(current, triaged_on),
                "triaged_by": actor,
                "police_respond_by": police_respond_by,
            },
        )
        RequestDecline.objects.bulk_create(
            RequestDecline(request=current, reason=code, detail=(detail or "").strip())
            for code, detail in sorted(reasons.items())
        )
        _audit(actor, Operation.ALTERATION, current.pk, action="declined", reasons=sorted(reasons))
    return current


def advice_give(
    *,
    actor: Any,
    request: AdviceRequest,
    expected_version: int | None,
    given_on: date | None,
    summary: str,
    action_items: list[tuple[str, date | None]],
) -> AdviceRequest:
    """The prosecutor records the advice given: date, summary and the action plan."""
    if not access.advice_may_give(actor, request.lawyer_id, request.area_id):
        raise AdviceRefused
    errors: dict[str, str] = {}
    summary = _text(errors, "summary", summary, "Enter a summary of the advice", 5000)
    if given_on is None:
        errors["given_on"] = "Enter the date the advice was given"
    elif given_on > today():
        errors["given_on"] = "The date the advice was given must be today or in the past"
    elif given_on < request.requested_on:
        errors["given_on"] = (
            "The date the advice was given must be on or after the date it was requested "
            f"({long_date(request.requested_on)})"
        )
    items = [(text.strip(), due) for text, due in action_items if (text or "").strip() or due]
    if len(items) > MAX_ACTION_ITEMS:
        errors["action_items"] = f"Enter {MAX_ACTION_ITEMS} action plan items or fewer"
    for index, (text, due) in enumerate(items, start=1):
        if not text:
            errors[f"item_{index}"] = f"Enter what action plan item {index} asks for"
        elif len(text) > 500:
            errors[f"item_{index}"] = f"Action plan item {index} must be 500 characters or fewer"
        elif due is None:
            errors[f"item_{index}"] = f"Enter the date action plan item {index} is due"
        elif given_on and due < given_on:
            errors[f"item_{index}"] = (
                f"Action plan item {index} must be due on or after the date the advice was given"
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _lock(request, expected_version)
        if current.status != RequestStatus.ACCEPTED:
            raise ValidationError("Advice can only be recorded on an accepted request")
        _save(
            current,
            {
                "status": RequestStatus.ADVICE_GIVEN,
                "advice_given_on": given_on,
                "advice_summary": summary,
                "advice_by": actor,
            },
        )
        ActionPlanItem.objects.bulk_create(
            ActionPlanItem(request=current, description=text, due_on=due)
            for text, due in items
            if due is not None  # every item has a due date (checked above)
        )
        _audit(actor, Operation.ALTERATION, current.pk, action="advice_given", items=len(items))
    return current


def advice_request_view_record(*, actor: Any, request: AdviceRequest, page: str) -> None:
    """Seeing a request is a consultation; police seeing its advice is a disclosure to the
    force (Data Protection Act 2018 s62)."""
    with transaction.atomic():
        if access.advice_sight_is_disclosure(actor) and request.status in (
            RequestStatus.ADVICE_GIVEN,
            RequestStatus.DECLINED,
        ):
            _audit(
                actor,
                Operation.DISCLOSURE,
                request.pk,
                recipient=request.police_force.name,
                page=page,
                force=request.police_force.code,
            )
        else:
            _audit(actor, Operation.CONSULTATION, request.pk, page=page)


def advice_requests_list_record(*, actor: Any, ids: list[int], filters: dict) -> None:
    """One consultation per list request, with its filters and the ids shown (bounded)."""
    audit_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        object_type="advice_request_list",
        detail={"filters": filters, "ids": ids[:100], "shown": len(ids)},
    )


def advice_request_link_case(
    *,
    actor: Any,
    request: AdviceRequest,
    expected_version: int | None,
    urn: str,
    referred_on: date | None,
) -> AdviceRequest:
    """When the police refer the matter for a charging decision: link the request to its case,
    registering the case if it is new, so that 'had early advice' is a fact of the case.

    The case's own advice milestones (requested after the referral) are left alone: early
    advice comes before the referral, and the link itself is the fact."""
    from msht.cases.selectors import cases_visible_to

    if not access.advice_may_link_case(actor, request.area_id):
        raise AdviceRefused
    if request.status != RequestStatus.ADVICE_GIVEN or request.case_id:
        raise ValidationError("Only a request with advice given and no case yet can be linked")
    if referred_on is None:
        raise ValidationError({"referred_on": "Enter the date the police referred the case"})
    with transaction.atomic():
        current = _lock(request, expected_version)
        try:
            parsed = str(urn_parse(urn or ""))
        except ValidationError as error:
            raise ValidationError({"urn": error.messages}) from error
        case = cases_visible_to(actor).filter(urn=parsed).first()
        if case is None:
            case = case_create(
                actor=actor,
                urn=urn,
                area=current.area,
                police_force=current.police_force,
                operation_name=current.operation_name,
                exploitation_types=current.exploitation_types.all(),
                victim_count=current.victim_count,
                suspect_count=current.suspect_count,
                referral_date=referred_on,
            )
        elif case.police_force_id != current.police_force_id:
            raise ValidationError(
                {"urn": "That case belongs to another police force. Check the URN"}
            )
        elif case.referral_date is None:
            case = police_referral_record(actor=actor, case=case, referred_on=referred_on)
        _save(current, {"case": case})
        _audit(actor, Operation.ALTERATION, current.pk, action="linked", case=case.pk)
    return current
