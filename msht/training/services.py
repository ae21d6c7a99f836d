"""Writes for training: courses, requirements, completions, closed needs, audited reads.

Every service is keyword-only, checks the actor may manage training, validates, writes and
records its audit event in one transaction. Courses and requirements are never deleted, only
disabled, and carry a `version` so a stale edit is refused (docs/decisions/0100).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import Capability, Role
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference import dates

from . import selectors
from .models import (
    Completion,
    CompletionSource,
    Course,
    CourseKind,
    Level,
    NeedClosure,
    Requirement,
)

CONFLICT_MESSAGE = (
    "Someone else saved changes to this {what} after you opened it, so your changes have not "
    "been saved. Open it again to see the latest details, then make your changes again."
)
MAX_TEXT = 200


class TrainingConflict(ValidationError):
    def __init__(self, what: str):
        super().__init__(CONFLICT_MESSAGE.format(what=what), code="conflict")


def _require_manager(actor: Any) -> None:
    if not access.can(actor, Capability.TRAINING_MANAGE):
        raise ValidationError("You do not have permission to manage training.")


def _audit(actor: Any, operation: str, object_type: str, object_id: Any, **detail: Any) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )


# --- Courses ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseFields:
    code: str
    title: str
    provider: str
    kind: str
    duration_minutes: int
    refresh_months: int | None
    description: str = ""
    topic_ids: tuple[int, ...] = ()
    enabled: bool = True


def _code_taken(code: str, pk: int | None) -> bool:
    others = Course.objects.filter(code__iexact=code)
    if pk is not None:
        others = others.exclude(pk=pk)
    return others.exists()


def _validate_course(fields: CourseFields, *, pk: int | None = None) -> None:
    errors: dict[str, str] = {}
    if not fields.code.strip():
        errors["code"] = "Enter the course code"
    elif _code_taken(fields.code.strip(), pk):
        errors["code"] = "Another course already has this code"
    if not fields.title.strip():
        errors["title"] = "Enter the course title"
    if not fields.provider.strip():
        errors["provider"] = "Enter who provides the course"
    if fields.kind not in CourseKind.values:
        errors["kind"] = "Choose the kind of course"
    if not 1 <= fields.duration_minutes <= 10_000:
        errors["duration_minutes"] = "Duration must be between 1 and 10,000 minutes"
    if fields.refresh_months is not None and not 1 <= fields.refresh_months <= 120:
        errors["refresh_months"] = "Refresh interval must be between 1 and 120 months"
    if errors:
        raise ValidationError(errors)


def course_create(*, actor: Any, fields: CourseFields) -> Course:
    _require_manager(actor)
    _validate_course(fields)
    with transaction.atomic():
        course = Course.objects.create(
            code=fields.code.strip().upper(),
            title=fields.title.strip(),
            provider=fields.provider.strip(),
            kind=fields.kind,
            duration_minutes=fields.duration_minutes,
            refresh_months=fields.refresh_months,
            description=fields.description.strip(),
            disabled_on=None if fields.enabled else timezone.now(),
        )
        course.topics.set(fields.topic_ids)
        _audit(actor, Operation.COLLECTION, "training_course", course.pk, code=course.code)
    return course


def course_update(
    *, actor: Any, course: Course, expected_version: int, fields: CourseFields
) -> Course:
    _require_manager(actor)
    _validate_course(fields, pk=course.pk)
    with transaction.atomic():
        current = Course.objects.select_for_update().get(pk=course.pk)
        if current.version != int(expected_version):
            raise TrainingConflict("course")
        disabled_on = current.disabled_on
        if fields.enabled:
            disabled_on = None
        elif disabled_on is None:
            disabled_on = timezone.now()
        updated = Course.objects.filter(pk=current.pk, version=current.version).update(
            version=F("version") + 1,
            updated_at=timezone.now(),
            code=fields.code.strip().upper(),
            title=fields.title.strip(),
            provider=fields.provider.strip(),
            kind=fields.kind,
            duration_minutes=fields.duration_minutes,
            refresh_months=fields.refresh_months,
            description=fields.description.strip(),
            disabled_on=disabled_on,
        )
        if updated != 1:
            raise TrainingConflict("course")
        current.refresh_from_db()
        current.topics.set(fields.topic_ids)
        _audit(
            actor,
            Operation.ALTERATION,
            "training_course",
            current.pk,
            code=current.code,
            enabled=fields.enabled,
        )
    return current


# --- Requirements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementFields:
    course: Course
    for_role: str
    unit_id: int | None
    complex_casework_only: bool
    level: str
    refresh_months: int | None
    due_within_days: int
    enabled: bool = True


def _validate_requirement(fields: RequirementFields) -> None:
    errors: dict[str, str] = {}
    if fields.for_role and fields.for_role not in Role.values:
        errors["for_role"] = "Choose a role, or every role"
    if fields.level not in Level.values:
        errors["level"] = "Choose whether the course is mandatory, awareness or recommended"
    if fields.refresh_months is not None and not 1 <= fields.refresh_months <= 120:
        errors["refresh_months"] = "Refresh interval must be between 1 and 120 months"
    if not 0 <= fields.due_within_days <= 730:
        errors["due_within_days"] = "Time allowed for newcomers must be between 0 and 730 days"
    if fields.course.disabled_on is not None and fields.enabled:
        errors["course"] = "This course is no longer offered: choose another course"
    if errors:
        raise ValidationError(errors)


def _requirement_values(fields: RequirementFields) -> dict[str, Any]:
    return {
        "course": fields.course,
        "for_role": fields.for_role,
        "unit_id": fields.unit_id,
        "complex_casework_only": fields.complex_casework_only,
        "level": fields.level,
        "refresh_months": fields.refresh_months,
        "due_within_days": fields.due_within_days,
    }


def requirement_create(*, actor: Any, fields: RequirementFields) -> Requirement:
    _require_manager(actor)
    _validate_requirement(fields)
    with transaction.atomic():
        requirement = Requirement.objects.create(
            **_requirement_values(fields),
            disabled_on=None if fields.enabled else timezone.now(),
        )
        _audit(
            actor,
            Operation.COLLECTION,
            "training_requirement",
            requirement.pk,
            course=fields.course.code,
        )
    return requirement


def requirement_update(
    *, actor: Any, requirement: Requirement, expected_version: int, fields: RequirementFields
) -> Requirement:
    _require_manager(actor)
    _validate_requirement(fields)
    with transaction.atomic():
        current = Requirement.objects.select_for_update().get(pk=requirement.pk)
        if current.version != int(expected_version):
            raise TrainingConflict("requirement")
        disabled_on = current.disabled_on
        if fields.enabled:
            disabled_on = None
        elif disabled_on is None:
            disabled_on = timezone.now()
        values = _requirement_values(fields)
        values["course_id"] = values.pop("course").pk
        updated = Requirement.objects.filter(pk=current.pk, version=current.version).update(
            version=F("version") + 1, updated_at=timezone.now(), disabled_on=disabled_on, **values
        )
        if updated != 1:
            raise TrainingConflict("requirement")
        current.refresh_from_db()
        _audit(
            actor,
            Operation.ALTERATION,
            "training_requirement",
            current.pk,
            course=fields.course.code,
            enabled=fields.enabled,
        )
    return current


# --- Completions --------------------------------------------------------------------------------


def completion_record(
    *,
    actor: Any,
    person: User | None,
    course: Course | None,
    completed_on: date | None,
    reference: str = "",
) -> Completion:
    """Record that a person completed a course on a day; closes the training needs it meets."""
    _require_manager(actor)
    errors: dict[str, str] = {}
    if person is None or not person.is_active:
        errors["email"] = "Enter the email address of a person with an account in the service"
    if course is None:
        errors["course"] = "Choose the course"
    if completed_on is None:
        errors["completed_on"] = "Enter the date the course was completed"
    elif completed_on > dates.today():
        errors["completed_on"] = "Date completed must be today or in the past"
    if len(reference) > 100:
        errors["reference"] = "Learning record must be 100 characters or fewer"
    if errors:
        raise ValidationError(errors)
    assert person is not None and course is not None and completed_on is not None
    if Completion.objects.filter(person=person, course=course, completed_on=completed_on).exists():
        raise ValidationError({"completed_on": "This completion is already recorded"})
    try:
        with transaction.atomic():
            completion = Completion.objects.create(
                person=person,
                course=course,
                completed_on=completed_on,
                reference=reference.strip(),
                source=CompletionSource.RECORDED,
                recorded_by=actor,
            )
            closed = need_closures_record(completions=[completion])
            _audit(
                actor,
                Operation.COLLECTION,
                "training_completion",
                completion.pk,
                person=person.pk,
                course=course.code,
                needs_closed=closed,
            )
    except IntegrityError as error:  # recorded by someone else at the same moment
        raise ValidationError({"completed_on": "This completion is already recorded"}) from error
    return completion


def completions_import_write(
    *, actor: Any, rows: Sequence[tuple[int, int, date, str]]
) -> tuple[int, int]:
    """Write checked import rows (person id, course id, date, learning record); returns
    (created, unchanged). Runs inside the import's transaction, whose batch audit event records
    the file and its counts; the rows already exist when a file is imported again."""
    _require_manager(actor)
    if not rows:
        return 0, 0
    people = {row[0] for row in rows}
    existing = set(
        Completion.objects.filter(
            person_id__in=people, course_id__in={row[1] for row in rows}
        ).values_list("person_id", "course_id", "completed_on")
    )
    new = [
        Completion(
            person_id=person,
            course_id=course,
            completed_on=completed_on,
            reference=reference,
            source=CompletionSource.IMPORTED,
            recorded_by=actor,
        )
        for person, course, completed_on, reference in rows
        if (person, course, completed_on) not in existing
    ]
    Completion.objects.bulk_create(new, batch_size=2000)
    if new:
        need_closures_record(completions=new if all(c.pk for c in new) else _reload(new))
    return len(new), len(rows) - len(new)


def _reload(new: list[Completion]) -> list[Completion]:
    """The rows just inserted, with their ids (bulk_create gives none on SQLite < 3.35)."""
    keys = {(c.person_id, c.course_id, c.completed_on) for c in new}
    candidates = Completion.objects.filter(
        person_id__in={c.person_id for c in new},
        course_id__in={c.course_id for c in new},
        completed_on__in={c.completed_on for c in new},
    )
    return [c for c in candidates if (c.person_id, c.course_id, c.completed_on) in keys]


def need_closures_record(*, completions: Iterable[Completion]) -> int:
    """Close the quality training needs these completions meet: a finding about the person,
    tagged with a topic the course covers, made on or before the day of completion. Called
    inside the completion's transaction; returns how many needs were closed."""
    completions = sorted(completions, key=lambda c: (c.completed_on, c.pk))
    topics = selectors.course_topic_ids({c.course_id for c in completions})
    needs = selectors.open_needs_for(
        {c.person_id for c in completions}, set().union(*topics.values()) if topics else set()
    )
    closed: set[tuple[int, int]] = set()
    new = []
    for completion in completions:
        for need in needs:
            key = (need["finding_id"], need["topic_id"])
            if (
                key not in closed
                and need["person_id"] == completion.person_id
                and need["topic_id"] in topics.get(completion.course_id, ())
                and need["found_on"] <= completion.completed_on
            ):
                closed.add(key)
                new.append(
                    NeedClosure(
                        finding_id=need["finding_id"],
                        topic_id=need["topic_id"],
                        completion=completion,
                        closed_on=completion.completed_on,
                    )
                )
    NeedClosure.objects.bulk_create(new)
    return len(new)


# --- Audited reads ------------------------------------------------------------------------------


def training_view_record(
    *, actor: Any, page: str, person_ids: Sequence[int], filters: dict | None = None
) -> None:
    """Reading people's training is a consultation (DPA 2018 s62): one event per page, with
    the filters and the people shown (bounded by the page size)."""
    with transaction.atomic():
        _audit(
            actor,
            Operation.CONSULTATION,
            "training_person_list" if len(person_ids) != 1 else "training_person",
            person_ids[0] if len(person_ids) == 1 else "",
            page=page,
            filters=filters or {},
            person_ids=sorted(set(person_ids))[:500],
        )
