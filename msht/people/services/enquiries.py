"""Legal enquiries to the national legal lead: raise, answer, turn into a hub point of law."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.hub import services as hub_services
from msht.hub.models import Item, Kind, LegalIssue
from msht.reference import dates

from ..models import TARGET_WORKING_DAYS, EnquiryStatus, LegalEnquiry, Urgency
from .errors import ANSWER_CONFLICT, Conflict, refuse_unless

ENQUIRY = "people.enquiry"
LIST_IDS_LIMIT = 200


def _case_for_urn(actor: Any, case_urn: str):
    """The case with this URN if the asker can see it; out of scope reads exactly as missing."""
    from msht.cases.selectors import cases_visible_to
    from msht.cases.urn import urn_normalise

    urn = urn_normalise(case_urn)
    if not urn:
        return None
    case = cases_visible_to(actor).filter(urn=urn).first()
    if case is None:
        raise ValidationError({"case_urn": "No case you can see has that URN"})
    return case


def enquiry_raise(
    *,
    actor: Any,
    topic: LegalIssue | None,
    question: str,
    urgency: str,
    case_urn: str = "",
) -> LegalEnquiry:
    refuse_unless(access.can(actor, Capability.ENQUIRY_RAISE))
    errors: dict[str, str] = {}
    if topic is None or topic.disabled_on is not None:
        errors["topic"] = "Select the topic of the enquiry"
    if not question.strip():
        errors["question"] = "Enter your question"
    elif len(question) > 5000:
        errors["question"] = "Question must be 5,000 characters or fewer"
    if urgency not in Urgency.values:
        errors["urgency"] = "Select how urgent the enquiry is"
    case = None
    try:
        case = _case_for_urn(actor, case_urn)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors or topic is None:
        raise ValidationError(errors)
    now = timezone.now()
    raised_on = dates.today()
    with transaction.atomic():
        enquiry = LegalEnquiry.objects.create(
            asked_by=actor,
            area_id=actor.area_id,
            topic=topic,
            question=question.strip(),
            urgency=urgency,
            case=case,
            raised_at=now,
            raised_on=raised_on,
            due_on=dates.add_working_days(raised_on, TARGET_WORKING_DAYS[Urgency(urgency)]),
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type=ENQUIRY,
            object_id=enquiry.pk,
            detail={
                "topic": topic.code if topic else None,
                "urgency": urgency,
                "case": case and case.pk,
            },
        )
    return enquiry


def enquiry_answer(
    *, actor: Any, enquiry: LegalEnquiry, answer: str, expected_version: int | None
) -> LegalEnquiry:
    """Answer an open enquiry; the turnaround is counted in working days."""
    refuse_unless(access.can(actor, Capability.ENQUIRY_ANSWER))
    if not answer.strip():
        raise ValidationError({"answer": "Enter the answer"})
    if len(answer) > 10000:
        raise ValidationError({"answer": "Answer must be 10,000 characters or fewer"})
    now = timezone.now()
    answered_on = dates.today()
    with transaction.atomic():
        current = LegalEnquiry.objects.select_for_update().get(pk=enquiry.pk)
        if current.status != EnquiryStatus.OPEN:
            raise Conflict(ANSWER_CONFLICT)
        if expected_version is not None and current.version != int(expected_version):
            raise Conflict()
        turnaround = dates.working_days_between(current.raised_on, answered_on)
        fields = {
            "answer": answer.strip(),
            "answered_by": actor,
            "answered_at": now,
            "answered_on": answered_on,
            "turnaround_working_days": turnaround,
            "status": EnquiryStatus.ANSWERED,
        }
        updated = LegalEnquiry.objects.filter(pk=enquiry.pk, version=current.version).update(
            version=F("version") + 1, **fields
        )
        if not updated:
            raise Conflict()
        for name, value in fields.items():
            setattr(enquiry, name, value)
        enquiry.version = current.version + 1
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=ENQUIRY,
            object_id=enquiry.pk,
            reason="answered",
            detail={"turnaround_working_days": turnaround},
        )
    return enquiry


def _point_of_law_body(enquiry: LegalEnquiry) -> str:
    return (
        "## The question\n\n"
        f"{enquiry.question}\n\n"
        "## The answer\n\n"
        f"{enquiry.answer}\n\n"
        "## Before publishing\n\n"
        "Remove any detail that could identify a victim, suspect or case, and state the point "
        "of law so that prosecutors in every Area can apply it.\n"
    )


def enquiry_point_of_law_draft(*, actor: Any, enquiry: LegalEnquiry) -> Item:
    """Turn an answered enquiry into a draft hub point of law, tagged with its topic and
    linked from the enquiry; the hub's own review and publication follow."""
    refuse_unless(
        access.can(actor, Capability.ENQUIRY_ANSWER) and access.can(actor, Capability.HUB_WRITE)
    )
    with transaction.atomic():
        current = (
            LegalEnquiry.objects.select_for_update().select_related("topic").get(pk=enquiry.pk)
        )
        if current.status != EnquiryStatus.ANSWERED:
            raise ValidationError("Answer the enquiry before turning it into a point of law")
        if current.hub_item_id is not None:
            raise ValidationError("This enquiry has already been turned into a hub point of law")
        item = hub_services.item_create(
            actor=actor,
            kind=Kind.POINT_OF_LAW,
            title=f"{current.topic.name}: a point of law from a legal enquiry"[:200],
            summary=(
                f"The national legal lead's answer to an enquiry about "
                f"{current.topic.name.lower()}."
            )[:1000],
            body=_point_of_law_body(current),
            legal_issues=[current.topic],
        )
        LegalEnquiry.objects.filter(pk=enquiry.pk).update(hub_item=item, version=F("version") + 1)
        enquiry.hub_item = item
        enquiry.version = current.version + 1
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=ENQUIRY,
            object_id=enquiry.pk,
            reason="point of law drafted",
            detail={"hub_item": item.pk},
        )
    return item


def enquiry_record_consultation(*, actor: Any, enquiry: LegalEnquiry) -> None:
    """An enquiry may describe a live case: reading it is recorded."""
    with transaction.atomic():
        audit_record(
            actor=actor, operation=Operation.CONSULTATION, object_type=ENQUIRY, object_id=enquiry.pk
        )


def enquiry_list_consultation(
    *, actor: Any, view: str, filters: dict, enquiry_ids: list[int]
) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            object_type=ENQUIRY,
            detail={"view": view, "filters": filters, "ids": enquiry_ids[:LIST_IDS_LIMIT]},
        )
