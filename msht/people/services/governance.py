"""Governance meetings: recorded with attendees, papers and decisions; actions tracked to done."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.insight.models import FrozenPack
from msht.insight.selectors import frozen_packs_visible_to
from msht.quality.models import DipSample
from msht.quality.selectors import samples_visible_to
from msht.reference import dates
from msht.reference.models import Area

from ..models import AREA_BODIES, Body, Meeting, MeetingAction, MeetingDecision
from .errors import refuse_unless

MEETING = "people.meeting"
ACTION = "people.meeting_action"
MAX_DECISIONS = 50


def may_record_for(user: Any, *, body: str, area: Area | None) -> bool:
    if body == Body.NATIONAL_BOARD:
        return area is None and access.may_record_national_meetings(user)
    if area is None:
        return False
    return Area.objects.filter(access.governance_recordable_areas_q(user), pk=area.pk).exists()


def may_change_meeting(user: Any, meeting: Meeting) -> bool:
    return may_record_for(user, body=meeting.body, area=meeting.area)


def _validate_meeting(
    actor: Any, *, body: str, area: Area | None, held_on: date | None, notes: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if body not in Body.values:
        errors["body"] = "Select the meeting"
    elif body in AREA_BODIES and (area is None or area.kind != Area.Kind.AREA):
        errors["area"] = "Select the Area the meeting was for"
    elif not may_record_for(actor, body=body, area=area if body in AREA_BODIES else None):
        errors["body" if body == Body.NATIONAL_BOARD else "area"] = (
            "You cannot record a meeting of that body"
            if body == Body.NATIONAL_BOARD
            else "You can record meetings for your own Area only"
        )
    if held_on is None:
        errors["held_on"] = "Enter the date of the meeting"
    elif held_on > dates.today():
        errors["held_on"] = "Date of the meeting must be today or in the past"
    if len(notes) > 10000:
        errors["notes"] = "Notes must be 10,000 characters or fewer"
    return errors


def _visible_papers(actor: Any, packs: list, samples: list, errors: dict) -> None:
    pack_ids = {p.pk for p in packs}
    if pack_ids and frozen_packs_visible_to(actor).filter(pk__in=pack_ids).count() != len(pack_ids):
        errors["packs"] = "Select packs from the list"
    sample_ids = {s.pk for s in samples}
    if sample_ids and samples_visible_to(actor).filter(pk__in=sample_ids).count() != len(
        sample_ids
    ):
        errors["samples"] = "Select quality sample rounds from the list"


def meeting_record(
    *,
    actor: Any,
    body: str,
    area: Area | None,
    held_on: date | None,
    attendees: Iterable[Any] = (),
    packs: Iterable[FrozenPack] = (),
    samples: Iterable[DipSample] = (),
    decisions: Iterable[str] = (),
    notes: str = "",
) -> Meeting:
    refuse_unless(access.can(actor, "governance.record"))
    attendees, packs, samples = list(attendees), list(packs), list(samples)
    decisions = [text.strip() for text in decisions if text.strip()]
    errors = _validate_meeting(actor, body=body, area=area, held_on=held_on, notes=notes)
    if not attendees:
        errors["attendees"] = "Select who attended"
    elif any(not person.is_active for person in attendees):
        errors["attendees"] = "Attendees must have an active account"
    _visible_papers(actor, packs, samples, errors)
    if len(decisions) > MAX_DECISIONS:
        errors["decisions"] = f"Record at most {MAX_DECISIONS} decisions at once"
    elif any(len(text) > 2000 for text in decisions):
        errors["decisions"] = "Each decision must be 2,000 characters or fewer"
    if errors or held_on is None:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body,
            area=area if body in AREA_BODIES else None,
            held_on=held_on,
            notes=notes.strip(),
            recorded_by=actor,
            recorded_at=now,
        )
        meeting.attendees.set(attendees)
        meeting.packs.set(packs)
        meeting.samples.set(samples)
        MeetingDecision.objects.bulk_create(
            [MeetingDecision(meeting=meeting, text=text, recorded_at=now) for text in decisions]
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type=MEETING,
            object_id=meeting.pk,
            detail={
                "body": body,
                "area": meeting.area.code if meeting.area else None,
                "attendees": len(attendees),
                "packs": [p.pk for p in packs],
                "samples": [s.pk for s in samples],
                "decisions": len(decisions),
            },
        )
    return meeting


def meeting_decision_add(*, actor: Any, meeting: Meeting, text: str) -> MeetingDecision:
    refuse_unless(may_change_meeting(actor, meeting))
    if not text.strip():
        raise ValidationError({"text": "Enter the decision"})
    if len(text) > 2000:
        raise ValidationError({"text": "Decision must be 2,000 characters or fewer"})
    with transaction.atomic():
        decision = MeetingDecision.objects.create(
            meeting=meeting, text=text.strip(), recorded_at=timezone.now()
        )
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=MEETING,
            object_id=meeting.pk,
            reason="decision recorded",
            detail={"decision": decision.pk},
        )
    return decision


def meeting_action_add(
    *, actor: Any, meeting: Meeting, description: str, owner: Any, due_on: date | None
) -> MeetingAction:
    refuse_unless(may_change_meeting(actor, meeting))
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Enter the action"
    elif len(description) > 2000:
        errors["description"] = "Action must be 2,000 characters or fewer"
    if owner is None:
        errors["owner"] = "Select who owns the action"
    elif not owner.is_active:
        errors["owner"] = "The owner must have an active account"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due"
    elif due_on < meeting.held_on:
        errors["due_on"] = "Due date must be on or after the date of the meeting"
    if errors or due_on is None:
        raise ValidationError(errors)
    with transaction.atomic():
        action = MeetingAction.objects.create(
            meeting=meeting,
            description=description.strip(),
            owner=owner,
            due_on=due_on,
            recorded_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type=ACTION,
            object_id=action.pk,
            detail={"meeting": meeting.pk, "owner": owner.pk},
        )
    return action


def meeting_action_complete(*, actor: Any, action: MeetingAction, note: str = "") -> MeetingAction:
    """The owner, or whoever records the meeting's body, marks an action done."""
    refuse_unless(action.owner_id == actor.pk or may_change_meeting(actor, action.meeting))
    if len(note) > 500:
        raise ValidationError({"note": "Note must be 500 characters or fewer"})
    with transaction.atomic():
        current = MeetingAction.objects.select_for_update().get(pk=action.pk)
        if current.completed_on is not None:
            raise ValidationError("This action is already complete")
        action.completed_on = dates.today()
        action.completed_by = actor
        action.completion_note = note.strip()
        action.save(update_fields=["completed_on", "completed_by", "completion_note"])
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=ACTION,
            object_id=action.pk,
            reason="completed",
            detail={"meeting": action.meeting_id},
        )
    return action


def meeting_record_consultation(
    *, actor: Any, meeting_ids: list[int], view: str, filters: dict | None = None
) -> None:
    """Meetings name people and may discuss cases: reading them is recorded."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            object_type=MEETING,
            object_id=meeting_ids[0] if len(meeting_ids) == 1 and view == "meeting" else "",
            detail={"view": view, "filters": filters or {}, "ids": meeting_ids[:200]},
        )
