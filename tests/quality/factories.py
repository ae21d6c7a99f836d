"""Factories for quality assurance: made through the services, as users make them."""

from datetime import date, timedelta

from django.utils import timezone

from msht.accounts.roles import Role
from msht.cases import services as case_services
from msht.quality import services
from msht.quality.models import AssessmentTemplate, Question, Rating, Topic
from msht.reference.models import Unit
from tests.cases.factories import make_case
from tests.factories import UserFactory


def template(code: str = "IQA") -> AssessmentTemplate:
    return AssessmentTemplate.objects.get(code=code)


def topic(code: str = "S45") -> Topic:
    return Topic.objects.get(code=code)


def soon(days: int = 14) -> date:
    return timezone.localdate() + timedelta(days=days)


def unit_head(area: str = "LONDON-NORTH", **fields):
    from msht.reference.models import Area

    return UserFactory(role=Role.UNIT_HEAD, area=Area.objects.get(code=area), **fields)


def reviewer(**fields):
    return UserFactory(role=Role.QUALITY_REVIEWER, **fields)


def allocated_case(
    *, unit: str = "CCU", referral_date: date = date(2024, 2, 1), actor=None, **fields
):
    case = make_case(actor=actor, referral_date=referral_date, **fields)
    return case_services.case_allocate(
        actor=actor,
        case=case,
        expected_version=None,
        unit=Unit.objects.get(code=unit),
        reason=""
        if case.recommended_unit and case.recommended_unit.code == unit
        else "Capacity in the unit",
    )


def make_assessment(*, case=None, head=None, who=None, code: str = "IQA", due=None):
    head = head or unit_head()
    who = who or reviewer()
    case = case or allocated_case()
    return services.assessment_create(
        actor=head, case=case, template=template(code), reviewer=who, due_date=due or soon()
    )


def all_questions(assessment) -> list[Question]:
    return list(
        Question.objects.filter(standard__version=assessment.template_version).order_by(
            "standard__order", "order"
        )
    )


def complete(assessment, *, rating: str = Rating.FULLY_MET, ratings: dict | None = None):
    """Answer every question (with `rating`, or per question code from `ratings`) and complete."""
    ratings = ratings or {}
    answers = {
        q.pk: (ratings.get(q.code, rating), f"Comment on {q.code}")
        for q in all_questions(assessment)
    }
    return services.assessment_answers_save(
        actor=assessment.reviewer, assessment=assessment, answers=answers, complete=True
    )
