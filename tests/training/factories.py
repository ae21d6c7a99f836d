"""Factories for training: people with a joining date, completions through the services."""

from datetime import date, datetime

from django.utils import timezone

from msht.accounts.roles import Role
from msht.reference.models import Area, Unit
from msht.training import services
from msht.training.models import Completion, Course
from tests.factories import UserFactory


def course(code: str = "MSHT-AWARENESS") -> Course:
    return Course.objects.get(code=code)


def joined(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0))


def person(
    role: str = Role.PROSECUTOR,
    *,
    area: str | None = "LONDON-NORTH",
    unit: str | None = "CCU",
    since: date = date(2024, 1, 1),
    **fields,
):
    return UserFactory(
        role=role,
        area=Area.objects.get(code=area) if area else None,
        unit=Unit.objects.get(code=unit) if unit else None,
        date_joined=joined(since),
        **fields,
    )


def admin(**fields):
    return UserFactory(role=Role.TRAINING_ADMIN, **fields)


def completed(who, code: str, on: date, *, actor=None) -> Completion:
    return services.completion_record(
        actor=actor or admin(), person=who, course=course(code), completed_on=on
    )
