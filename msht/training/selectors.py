"""Reads for training: the catalogue, requirements, completions and compliance.

Compliance is computed in Python from three queries (people in scope, requirements,
completions), so the number of queries never grows with people or courses
(docs/decisions/1020).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import Role
from msht.quality.models import DONE_STATUSES, Finding
from msht.reference import dates
from msht.reference.models import Area, Unit

from . import compliance as c
from .models import Completion, Course, NeedClosure, Requirement

NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class TrainingFilters:
    area: str = ""  # Area code
    unit: str = ""  # unit code
    role_code: str = ""  # a report filter chosen by the reader, not a visibility rule
    course: str = ""  # course code

    def as_query(self) -> dict[str, str]:
        """The filters as the pages' query parameters (area, unit, role, course)."""
        names = {"role_code": "role"}
        return {names.get(name, name): value for name, value in vars(self).items() if value}


NO_FILTERS = TrainingFilters()


# --- Catalogue and requirements ----------------------------------------------------------------


def courses_all() -> QuerySet[Course]:
    return Course.objects.annotate(
        requirement_count=Count("requirements", filter=Q(requirements__disabled_on__isnull=True))
    ).order_by("disabled_on", "title")


def courses_enabled() -> QuerySet[Course]:
    return Course.objects.filter(disabled_on__isnull=True).order_by("title")


def course_with_topics(pk: Any) -> Course:
    return access.get_visible_or_404(Course.objects.prefetch_related("topics"), pk=pk)


def requirements_all() -> QuerySet[Requirement]:
    return Requirement.objects.select_related("course", "unit").order_by(
        "disabled_on", "course__title", "for_role", "unit__order", "id"
    )


def requirement_get(pk: Any) -> Requirement:
    return access.get_visible_or_404(requirements_all(), pk=pk)


def role_label(code: str) -> str:
    return Role(code).label if code in Role.values else (code or "Every role")


# --- Completions --------------------------------------------------------------------------------


def completions_recent(user: Any, *, limit: int = 50) -> list[Completion]:
    return list(
        Completion.objects.filter(access.training_people_q(user, prefix="person__"))
        .select_related("person", "course", "recorded_by")
        .order_by("-recorded_at", "-id")[:limit]
    )


def person_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def people_in_scope(user: Any) -> QuerySet[User]:
    return User.objects.filter(access.training_people_q(user)).select_related("area", "unit")


# --- Compliance ---------------------------------------------------------------------------------


def _people(
    user: Any, filters: TrainingFilters, *, person_id: int | None = None, everyone: bool = False
):
    """People in the user's training scope; `everyone` only for the service itself (a pack
    built from the command line for everything)."""
    scope = Q() if everyone else access.training_people_q(user)
    queryset = User.objects.filter(is_active=True).filter(scope)
    if person_id is not None:
        queryset = queryset.filter(pk=person_id)
    if filters.area:
        queryset = queryset.filter(area__code=filters.area)
    if filters.unit:
        queryset = queryset.filter(unit__code=filters.unit)
    rows = queryset.values(
        "pk",
        "full_name",
        "email",
        "role",
        "area_id",
        "area__name",
        "unit_id",
        "unit__name",
        "handles_complex_casework",
        "date_joined",
    ).order_by("full_name", "pk")
    people = []
    for row in rows:
        if filters.role_code and row["role"] != filters.role_code:
            continue
        people.append(
            c.PersonFacts(
                id=row["pk"],
                name=row["full_name"],
                email=row["email"],
                role_code=row["role"],
                role_label=role_label(row["role"]),
                area_id=row["area_id"],
                area=row["area__name"] or NOT_RECORDED,
                unit_id=row["unit_id"],
                unit=row["unit__name"] or NOT_RECORDED,
                handles_complex_casework=row["handles_complex_casework"],
                joined=_local_date(row["date_joined"]),
            )
        )
    return people


def _local_date(value) -> date:
    from django.utils import timezone

    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def _requirements(filters: TrainingFilters) -> list[c.RequirementFacts]:
    queryset = Requirement.objects.filter(
        disabled_on__isnull=True, course__disabled_on__isnull=True
    )
    if filters.course:
        queryset = queryset.filter(course__code=filters.course)
    rows = queryset.values(
        "course_id",
        "course__title",
        "course__code",
        "for_role",
        "unit_id",
        "complex_casework_only",
        "level",
        "refresh_months",
        "course__refresh_months",
        "due_within_days",
    ).order_by("course__title", "id")
    return [
        c.RequirementFacts(
            course_id=row["course_id"],
            course=row["course__title"],
            course_code=row["course__code"],
            for_role=row["for_role"],
            unit_id=row["unit_id"],
            complex_casework_only=row["complex_casework_only"],
            level=row["level"],
            refresh_months=row["refresh_months"] or row["course__refresh_months"],
            due_within_days=row["due_within_days"],
        )
        for row in rows
    ]


def _completions(
    user: Any, filters: TrainingFilters, *, person_id: int | None = None, everyone: bool = False
) -> dict[tuple[int, int], list[date]]:
    scope = Q() if everyone else access.training_people_q(user, prefix="person__")
    queryset = Completion.objects.filter(scope)
    if person_id is not None:
        queryset = queryset.filter(person_id=person_id)
    if filters.course:
        queryset = queryset.filter(course__code=filters.course)
    if filters.area:
        queryset = queryset.filter(person__area__code=filters.area)
    result: dict[tuple[int, int], list[date]] = defaultdict(list)
    for person, course, completed_on in queryset.values_list(
        "person_id", "course_id", "completed_on"
    ).order_by("completed_on"):
        result[(person, course)].append(completed_on)
    return result


@dataclass
class Snapshot:
    """Everything compliance needs, read once; `duties_on(day)` assesses them on any day."""

    specs: list[c.DutySpec]
    completions: dict[tuple[int, int], list[date]]
    as_of: date

    def duties_on(self, day: date) -> list[c.Duty]:
        return c.assess_all(self.specs, self.completions, day)

    @property
    def duties(self) -> list[c.Duty]:
        return self.duties_on(self.as_of)


def snapshot(
    user: Any,
    filters: TrainingFilters = NO_FILTERS,
    *,
    as_of: date | None = None,
    person_id: int | None = None,
    everyone: bool = False,
) -> Snapshot:
    people = _people(user, filters, person_id=person_id, everyone=everyone)
    specs = c.duties_for(people, _requirements(filters))
    completions = _completions(user, filters, person_id=person_id, everyone=everyone)
    return Snapshot(specs, completions, as_of or dates.today())


def _area_key(duty: c.Duty) -> tuple:
    return (duty.person.area == NOT_RECORDED, duty.person.area, duty.person.area_id or "")


def compliance_overview(user: Any, filters: TrainingFilters = NO_FILTERS) -> dict:
    """Overall figures, by Area, unit, role and course, and a 12-month trend."""
    shot = snapshot(user, filters)
    duties = shot.duties
    codes = _reference_codes()
    by_area = c.figures_by(duties, _area_key)
    by_unit = c.figures_by(
        duties, lambda d: (d.person.unit == NOT_RECORDED, d.person.unit, d.person.unit_id or "")
    )
    by_role = c.figures_by(duties, lambda d: (d.person.role_label, d.person.role_code))
    by_course = c.figures_by(duties, lambda d: (d.spec.course, d.spec.course_code))
    trend = [
        {"month": day, "figures": c.figures(shot.duties_on(day))}
        for day in c.month_ends(shot.as_of)
    ]
    return {
        "as_of": shot.as_of,
        "overall": c.figures(duties),
        "by_area": [
            (label, codes["area"].get(pk, ""), f) for (_n, label, pk), f in by_area.items()
        ],
        "by_unit": [
            (label, codes["unit"].get(pk, ""), f) for (_n, label, pk), f in by_unit.items()
        ],
        "by_role": [(label, code, f) for (label, code), f in by_role.items()],
        "by_course": [(label, code, f) for (label, code), f in by_course.items()],
        "trend": trend,
    }


def _reference_codes() -> dict[str, dict]:
    return {
        "area": dict(Area.objects.values_list("pk", "code")),
        "unit": dict(Unit.objects.values_list("pk", "code")),
    }


STATUS_FILTERS = {
    "required": "Required courses",
    "up_to_date": "Up to date",
    "expiring": "Expiring within 60 days",
    "due": "Due",
    "overdue": "Overdue",
    "recommended": "Recommended courses",
}


def duties_with_status(
    user: Any, filters: TrainingFilters = NO_FILTERS, *, status: str = "required"
) -> list[c.Duty]:
    """The people behind a figure: duties in scope with the status, soonest due first."""
    duties = snapshot(user, filters).duties
    chosen = [d for d in duties if _has_status(d, status)]
    far = date.max
    return sorted(
        chosen,
        key=lambda d: (d.due_on or far, d.person.name, d.person.id, d.spec.course),
    )


def _has_status(duty: c.Duty, status: str) -> bool:
    if status == "recommended":
        return not duty.spec.required
    if not duty.spec.required:
        return False
    if status == "required":
        return True
    if status == "expiring":
        return duty.expiring
    return duty.status == status


def person_training(user: Any, person: User) -> dict:
    """One person's duties (all levels), completions and quality training needs."""
    shot = snapshot(user, NO_FILTERS, person_id=person.pk)
    completions = list(
        Completion.objects.filter(person=person)
        .select_related("course")
        .order_by("-completed_on", "-id")[:100]
    )
    return {
        "duties": sorted(shot.duties, key=lambda d: (not d.spec.required, d.spec.course)),
        "completions": completions,
        "needs": training_needs_of(person),
        "as_of": shot.as_of,
    }


def my_training(user: Any) -> dict:
    """A person's own training: the same as `person_training`, always in their own scope."""
    people = _people_self(user)
    specs = c.duties_for(people, _requirements(NO_FILTERS))
    completions: dict[tuple[int, int], list[date]] = defaultdict(list)
    for course, completed_on in (
        Completion.objects.filter(person=user)
        .values_list("course_id", "completed_on")
        .order_by("completed_on")
    ):
        completions[(user.pk, course)].append(completed_on)
    today = dates.today()
    return {
        "duties": sorted(
            c.assess_all(specs, completions, today),
            key=lambda d: (not d.spec.required, d.spec.course),
        ),
        "completions": list(
            Completion.objects.filter(person=user)
            .select_related("course")
            .order_by("-completed_on", "-id")[:100]
        ),
        "needs": training_needs_of(user),
        "as_of": today,
    }


def _people_self(user: Any) -> list[c.PersonFacts]:
    return [
        c.PersonFacts(
            id=user.pk,
            name=user.full_name,
            email=user.email,
            role_code=user.role,
            role_label=role_label(user.role),
            area_id=user.area_id,
            area="",
            unit_id=user.unit_id,
            unit="",
            handles_complex_casework=user.handles_complex_casework,
            joined=_local_date(user.date_joined),
        )
    ]


# --- Quality training needs ---------------------------------------------------------------------


def training_needs_of(person: User) -> list[dict]:
    """The person's training needs from quality findings on completed assessments: one per
    finding and topic, with the course that closed it (if any) and the courses that would."""
    through = Finding.topics.through
    rows = list(
        through.objects.filter(
            finding__person=person, finding__assessment__status__in=DONE_STATUSES
        )
        .values("finding_id", "finding__created_at", "topic_id", "topic__name")
        .order_by("-finding__created_at", "topic__name")[:100]
    )
    closures = {
        (row["finding_id"], row["topic_id"]): row
        for row in NeedClosure.objects.filter(
            finding_id__in=[row["finding_id"] for row in rows]
        ).values("finding_id", "topic_id", "closed_on", "completion__course__title")
    }
    courses_by_topic: dict[int, list[str]] = defaultdict(list)
    for topic_id, title in Course.topics.through.objects.filter(
        topic_id__in={row["topic_id"] for row in rows}, course__disabled_on__isnull=True
    ).values_list("topic_id", "course__title"):
        courses_by_topic[topic_id].append(title)
    needs = []
    for row in rows:
        closure = closures.get((row["finding_id"], row["topic_id"]))
        needs.append(
            {
                "found_on": _local_date(row["finding__created_at"]),
                "topic": row["topic__name"],
                "closed_on": closure["closed_on"] if closure else None,
                "closed_by": closure["completion__course__title"] if closure else "",
                "courses": sorted(courses_by_topic.get(row["topic_id"], [])),
            }
        )
    return needs


def open_needs_for(person_ids: set[int], topic_ids: set[int]) -> list[dict]:
    """Open training needs (finding, topic) of these people on these topics, oldest first."""
    if not person_ids or not topic_ids:
        return []
    through = Finding.topics.through
    rows = list(
        through.objects.filter(
            finding__person_id__in=person_ids,
            topic_id__in=topic_ids,
            finding__assessment__status__in=DONE_STATUSES,
        )
        .values("finding_id", "topic_id", "finding__person_id", "finding__created_at")
        .order_by("finding__created_at", "finding_id", "topic_id")
    )
    closed = set(
        NeedClosure.objects.filter(finding_id__in={row["finding_id"] for row in rows}).values_list(
            "finding_id", "topic_id"
        )
    )
    return [
        {
            "finding_id": row["finding_id"],
            "topic_id": row["topic_id"],
            "person_id": row["finding__person_id"],
            "found_on": _local_date(row["finding__created_at"]),
        }
        for row in rows
        if (row["finding_id"], row["topic_id"]) not in closed
    ]


def course_topic_ids(course_ids: set[int]) -> dict[int, set[int]]:
    result: dict[int, set[int]] = defaultdict(set)
    for course_id, topic_id in Course.topics.through.objects.filter(
        course_id__in=course_ids
    ).values_list("course_id", "topic_id"):
        result[course_id].add(topic_id)
    return result
