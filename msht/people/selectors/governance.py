"""Reads of governance meetings and their actions.

A meeting is seen by the roles that oversee its Area (msht.accounts.access.governance_area_q)
and by the people who attended it or own one of its actions.
"""

from typing import Any

from django.db.models import Count, Q, QuerySet

from msht.accounts import access
from msht.accounts.models import User
from msht.insight.models import FrozenPack
from msht.insight.selectors import frozen_packs_visible_to
from msht.quality.models import DipSample
from msht.quality.selectors import samples_visible_to
from msht.reference import dates
from msht.reference.models import Area

from ..models import Meeting, MeetingAction

PAPERS_OFFERED = 20


def _involved_q(user: Any) -> Q:
    if not (user is not None and user.is_authenticated and user.is_active):
        return access.NOTHING
    attended = Meeting.attendees.through.objects.filter(user_id=user.pk).values("meeting_id")
    owns = MeetingAction.objects.filter(owner_id=user.pk).values("meeting_id")
    return Q(pk__in=attended) | Q(pk__in=owns)


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    by_role = access.governance_area_q(user)
    if not by_role:  # an empty Q is every meeting (and `Q() | x` would be just x)
        return Meeting.objects.all()
    return Meeting.objects.filter(by_role | _involved_q(user))


def meeting_list(user: Any, *, area: str = "", body: str = "") -> QuerySet[Meeting]:
    meetings = meetings_visible_to(user).select_related("area")
    if area == "national":
        meetings = meetings.filter(area__isnull=True)
    elif area:
        meetings = meetings.filter(area__code=area)
    if body:
        meetings = meetings.filter(body=body)
    today = dates.today()
    return meetings.annotate(
        open_actions=Count("actions", filter=Q(actions__completed_on__isnull=True)),
        overdue_actions=Count(
            "actions", filter=Q(actions__completed_on__isnull=True, actions__due_on__lt=today)
        ),
    ).order_by("-held_on", "-id")


def meeting_get_visible(user: Any, *, pk: Any) -> Meeting:
    return access.get_visible_or_404(
        meetings_visible_to(user).select_related("area", "recorded_by"), pk=pk
    )


def meeting_papers(meeting: Meeting) -> dict:
    return {
        "attendees": list(meeting.attendees.select_related("area").order_by("full_name")),
        "packs": list(meeting.packs.order_by("-created_at")),
        "samples": list(meeting.samples.select_related("area").order_by("-drawn_at")),
        "decisions": list(meeting.decisions.order_by("recorded_at", "id")),
        "actions": list(
            meeting.actions.select_related("owner", "completed_by").order_by(
                "completed_on", "due_on", "id"
            )
        ),
    }


def actions_owned_by(user: Any) -> QuerySet[MeetingAction]:
    if not (user is not None and user.is_authenticated and user.is_active):
        return MeetingAction.objects.none()
    return (
        MeetingAction.objects.filter(owner_id=user.pk)
        .select_related("meeting__area")
        .order_by("completed_on", "due_on", "id")
    )


def action_get_visible(user: Any, *, pk: Any) -> MeetingAction:
    actions = MeetingAction.objects.filter(meeting__in=meetings_visible_to(user))
    return access.get_visible_or_404(actions.select_related("meeting__area", "owner"), pk=pk)


def recordable_areas(user: Any) -> QuerySet[Area]:
    return (
        Area.objects.enabled()
        .filter(access.governance_recordable_areas_q(user), kind=Area.Kind.AREA)
        .order_by("order", "name")
    )


def people_for_meeting(area_id: int | None) -> QuerySet[User]:
    return (
        User.objects.filter(access.governance_people_q(area_id), is_active=True)
        .select_related("area")
        .order_by("full_name")
    )


def owners_for_meeting(meeting: Meeting) -> QuerySet[User]:
    attended = Meeting.attendees.through.objects.filter(meeting_id=meeting.pk).values("user_id")
    return (
        User.objects.filter(
            Q(pk__in=attended) | access.governance_people_q(meeting.area_id), is_active=True
        )
        .select_related("area")
        .order_by("full_name")
    )


def papers_offered(user: Any) -> dict:
    """The latest frozen packs and quality sample rounds the recorder may see, to link (as
    querysets a form can validate against)."""
    pack_ids = list(
        frozen_packs_visible_to(user)
        .order_by("-created_at")
        .values_list("pk", flat=True)[:PAPERS_OFFERED]
    )
    sample_ids = list(
        samples_visible_to(user).order_by("-drawn_at").values_list("pk", flat=True)[:PAPERS_OFFERED]
    )
    return {
        "packs": FrozenPack.objects.filter(pk__in=pack_ids).order_by("-created_at"),
        "samples": DipSample.objects.filter(pk__in=sample_ids)
        .select_related("area")
        .order_by("-drawn_at"),
    }
