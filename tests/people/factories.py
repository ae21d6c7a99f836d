"""Builders for people tests: posts, holdings written directly (to set up any state, including
ones the services refuse), enquiries and meetings through the services."""

from datetime import timedelta

from django.utils import timezone

from msht.accounts.roles import Role
from msht.hub.models import LegalIssue
from msht.people import services
from msht.people.models import Body, Holding, Post, PostKind, Strand
from msht.reference import dates
from msht.reference.models import Area
from tests.factories import UserFactory


def area_post(code: str = "LONDON-NORTH", strand: str = Strand.ALL) -> Post:
    post, _ = Post.objects.get_or_create(
        kind=PostKind.AREA_LEAD, area=Area.objects.get(code=code), strand=strand
    )
    return post


def national_post(kind: str = PostKind.NATIONAL_POLICY_LEAD) -> Post:
    post, _ = Post.objects.get_or_create(kind=kind, area=None, strand=Strand.ALL)
    return post


def holding(post: Post, *, lead=None, deputy=None, successor=None, planned_end_on=None, **kw):
    return Holding.objects.create(
        post=post,
        lead=lead,
        deputy=deputy,
        successor=successor,
        starts_on=kw.get("starts_on", dates.today() - timedelta(days=100)),
        planned_end_on=planned_end_on,
        recorded_at=timezone.now(),
    )


def person(role: str = Role.UNIT_HEAD, **kw):
    return UserFactory(role=role, **kw)


def topic(code: str = "S45-DEFENCE") -> LegalIssue:
    return LegalIssue.objects.get(code=code)


def enquiry(asker=None, **kw):
    asker = asker or UserFactory(role=Role.PROSECUTOR)
    return services.enquiry_raise(
        actor=asker,
        topic=kw.get("topic") or topic(),
        question=kw.get("question", "What is the approach to a late s45 defence?"),
        urgency=kw.get("urgency", "routine"),
        case_urn=kw.get("case_urn", ""),
    )


def meeting(recorder=None, **kw):
    recorder = recorder or UserFactory(role=Role.UNIT_HEAD)
    return services.meeting_record(
        actor=recorder,
        body=kw.get("body", Body.AREA_PERFORMANCE_REVIEW),
        area=kw.get("area", recorder.area),
        held_on=kw.get("held_on", dates.today() - timedelta(days=30)),
        attendees=kw.get("attendees", [recorder]),
        decisions=kw.get("decisions", ["A decision"]),
    )
