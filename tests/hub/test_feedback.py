"""Feedback between Areas and CPS Direct: raised, answered, turned into a published lesson."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.hub import services
from msht.hub.models import FeedbackDirection, FeedbackStatus, Kind, Status
from msht.hub.selectors import feedback_visible_to
from msht.reference.models import Area
from tests.factories import area

from .factories import editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def area_lawyer(user_for_role):
    return user_for_role(Role.PROSECUTOR)  # London North


@pytest.fixture
def cpsd_lawyer(user_for_role):
    return user_for_role(Role.CPS_DIRECT, area=Area.objects.get(code="CPS-DIRECT"))


def _raise(actor, **extra):
    return services.feedback_raise(
        actor=actor,
        subject="Charge without NRM referral",
        body="The referral was not in the file.",
        **extra,
    )


def test_area_feedback_goes_to_cps_direct_and_back_to_a_published_lesson(area_lawyer, cpsd_lawyer):
    feedback = _raise(area_lawyer)
    assert feedback.direction == FeedbackDirection.AREA_TO_CPSD
    assert feedback.area == area_lawyer.area and feedback.status == FeedbackStatus.RAISED

    services.feedback_answer(actor=cpsd_lawyer, feedback=feedback, answer="Reminder sent.")
    assert feedback.status == FeedbackStatus.ANSWERED

    hub_editor = editor()
    lesson = services.feedback_lesson_draft(actor=hub_editor, feedback=feedback)
    assert lesson.kind == Kind.LESSON and lesson.status == Status.DRAFT
    assert lesson.source_feedback == feedback and "Reminder sent." in lesson.body
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.LESSON_DRAFTED

    services.item_submit_for_review(actor=hub_editor, item=lesson)
    services.item_publish(
        actor=hub_editor, item=lesson, review_by=timezone.localdate() + timedelta(days=365)
    )
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.LESSON_PUBLISHED

    reasons = list(
        AuditEvent.objects.filter(object_type="hub.feedback", object_id=str(feedback.pk))
        .order_by("sequence")
        .values_list("operation", "reason")
    )
    assert reasons == [
        (Operation.COLLECTION, ""),
        (Operation.ALTERATION, "answered"),
        (Operation.ALTERATION, "lesson drafted"),
        (Operation.ALTERATION, "lesson published"),
    ]


def test_cps_direct_names_the_area(cpsd_lawyer):
    with pytest.raises(ValidationError) as error:
        _raise(cpsd_lawyer)
    assert error.value.message_dict == {"area": ["Select the Area the feedback is for"]}
    with pytest.raises(ValidationError):
        _raise(cpsd_lawyer, area=Area.objects.get(code="CPS-DIRECT"))
    feedback = _raise(cpsd_lawyer, area=area("WESSEX"))
    assert feedback.direction == FeedbackDirection.CPSD_TO_AREA and feedback.area.code == "WESSEX"


def test_raiser_cannot_answer_own_feedback_and_answer_is_required(area_lawyer, cpsd_lawyer):
    feedback = _raise(area_lawyer)
    with pytest.raises(services.HubPermissionDenied):
        services.feedback_answer(actor=area_lawyer, feedback=feedback, answer="Self")
    with pytest.raises(ValidationError):
        services.feedback_answer(actor=cpsd_lawyer, feedback=feedback, answer=" ")
    services.feedback_answer(actor=cpsd_lawyer, feedback=feedback, answer="Done")
    with pytest.raises(ValidationError, match="already been answered"):
        services.feedback_answer(actor=cpsd_lawyer, feedback=feedback, answer="Again")


def test_lesson_needs_an_answer_and_an_editor(area_lawyer, cpsd_lawyer):
    feedback = _raise(area_lawyer)
    with pytest.raises(ValidationError):
        services.feedback_lesson_draft(actor=editor(), feedback=feedback)
    services.feedback_answer(actor=cpsd_lawyer, feedback=feedback, answer="Done")
    with pytest.raises(services.HubPermissionDenied):
        services.feedback_lesson_draft(actor=cpsd_lawyer, feedback=feedback)


def test_who_sees_feedback(user_for_role, area_lawyer, cpsd_lawyer):
    feedback = _raise(area_lawyer)
    sees = {
        "same Area prosecutor": user_for_role(Role.PARALEGAL),
        "CPS Direct": cpsd_lawyer,
        "national lead": user_for_role(Role.NATIONAL_LEAD),
        "hub editor": editor(),
        "raiser": area_lawyer,
    }
    does_not = {
        "other Area prosecutor": user_for_role(Role.PROSECUTOR, area=area("WESSEX")),
        "performance manager": user_for_role(Role.PERFORMANCE_MANAGER),
        "quality reviewer": user_for_role(Role.QUALITY_REVIEWER),
        "international": user_for_role(Role.INTERNATIONAL),
        "police": user_for_role(Role.POLICE_PARTNER),
        "admin": user_for_role(Role.SYSTEM_ADMIN),
    }
    for label, user in sees.items():
        assert feedback_visible_to(user).filter(pk=feedback.pk).exists(), label
    for label, user in does_not.items():
        assert not feedback_visible_to(user).filter(pk=feedback.pk).exists(), label
