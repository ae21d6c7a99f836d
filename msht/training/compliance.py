"""Training compliance, computed from plain facts (no database): who must take which course,
when each person last completed it, and where that leaves them on a given day.

The definitions (docs/training.md) in one place:

- A *duty* is one person and one course that a requirement (for their role, unit and whether they
  handle complex casework) says they must or should take. Two requirements for the same person
  and course make one duty: the stronger level, the shorter refresh interval and the shorter time
  allowed for a newcomer win.
- A duty is *up to date* on a day when the person's latest completion on or before that day has
  not expired (it expires `refresh_months` after completion; without a refresh interval, never).
- Otherwise it is *due* until its due date, then *overdue*. The due date is the day the last
  completion expired or, for someone who never completed it, `due_within_days` after they joined.
- An up-to-date duty is *expiring* when it expires within the next 60 days (inclusive).
- Mandatory and awareness duties are *required*; the compliance rate is up-to-date required
  duties over required duties. Recommended duties are shown but never count.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

from msht.accounts import access

from .models import LEVEL_STRENGTH, REQUIRED_LEVELS

EXPIRING_DAYS = 60

UP_TO_DATE = "up_to_date"
DUE = "due"
OVERDUE = "overdue"
STATUS_LABELS = {UP_TO_DATE: "Up to date", DUE: "Due", OVERDUE: "Overdue"}


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str
    email: str
    role_code: str
    role_label: str
    area_id: int | None
    area: str
    unit_id: int | None
    unit: str
    handles_complex_casework: bool
    joined: date


@dataclass(frozen=True)
class RequirementFacts:
    course_id: int
    course: str
    course_code: str
    for_role: str
    unit_id: int | None
    complex_casework_only: bool
    level: str
    refresh_months: int | None
    due_within_days: int


@dataclass(frozen=True)
class DutySpec:
    person: PersonFacts
    course_id: int
    course: str
    course_code: str
    level: str
    refresh_months: int | None
    due_within_days: int

    @property
    def required(self) -> bool:
        return self.level in REQUIRED_LEVELS


@dataclass(frozen=True)
class Duty:
    spec: DutySpec
    status: str
    last_completed: date | None
    expires_on: date | None
    due_on: date | None
    expiring: bool

    @property
    def person(self) -> PersonFacts:
        return self.spec.person

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def duties_for(
    people: Iterable[PersonFacts], requirements: list[RequirementFacts]
) -> list[DutySpec]:
    """Every person's duties, one per course (requirements merged as the module says)."""
    specs: list[DutySpec] = []
    for person in people:
        merged: dict[int, DutySpec] = {}
        for requirement in requirements:
            if not access.training_requirement_applies(
                requirement_role=requirement.for_role,
                requirement_unit_id=requirement.unit_id,
                complex_casework_only=requirement.complex_casework_only,
                person_role=person.role_code,
                person_unit_id=person.unit_id,
                person_handles_complex_casework=person.handles_complex_casework,
            ):
                continue
            current = merged.get(requirement.course_id)
            if current is None:
                merged[requirement.course_id] = DutySpec(
                    person=person,
                    course_id=requirement.course_id,
                    course=requirement.course,
                    course_code=requirement.course_code,
                    level=requirement.level,
                    refresh_months=requirement.refresh_months,
                    due_within_days=requirement.due_within_days,
                )
                continue
            level = max(current.level, requirement.level, key=lambda lv: LEVEL_STRENGTH[lv])
            refreshes = [m for m in (current.refresh_months, requirement.refresh_months) if m]
            merged[requirement.course_id] = DutySpec(
                person=person,
                course_id=current.course_id,
                course=current.course,
                course_code=current.course_code,
                level=level,
                refresh_months=min(refreshes) if refreshes else None,
                due_within_days=min(current.due_within_days, requirement.due_within_days),
            )
        specs.extend(merged[course_id] for course_id in sorted(merged))
    return specs


def assess(spec: DutySpec, completed: list[date], as_of: date) -> Duty:
    """Where a duty stands on `as_of`; `completed` is the person's completion dates, sorted."""
    index = bisect_right(completed, as_of)
    last = completed[index - 1] if index else None
    expires_on = (
        last + relativedelta(months=spec.refresh_months)
        if last is not None and spec.refresh_months
        else None
    )
    if last is not None and (expires_on is None or as_of < expires_on):
        expiring = expires_on is not None and expires_on <= as_of + timedelta(days=EXPIRING_DAYS)
        return Duty(spec, UP_TO_DATE, last, expires_on, expires_on, expiring)
    due_on = (
        expires_on
        if expires_on is not None
        else spec.person.joined + timedelta(days=spec.due_within_days)
    )
    status = OVERDUE if as_of > due_on else DUE
    return Duty(spec, status, last, expires_on, due_on, False)


def assess_all(
    specs: list[DutySpec], completions: dict[tuple[int, int], list[date]], as_of: date
) -> list[Duty]:
    return [
        assess(spec, completions.get((spec.person.id, spec.course_id), []), as_of)
        for spec in specs
        if spec.person.joined <= as_of
    ]


@dataclass
class Figures:
    people: set[int] = field(default_factory=set)
    required: int = 0
    up_to_date: int = 0
    expiring: int = 0
    due: int = 0
    overdue: int = 0
    recommended: int = 0
    recommended_done: int = 0

    def add(self, duty: Duty) -> None:
        if not duty.spec.required:
            self.recommended += 1
            self.recommended_done += duty.status == UP_TO_DATE
            return
        self.people.add(duty.person.id)
        self.required += 1
        if duty.status == UP_TO_DATE:
            self.up_to_date += 1
            self.expiring += duty.expiring
        elif duty.status == DUE:
            self.due += 1
        else:
            self.overdue += 1

    @property
    def people_count(self) -> int:
        return len(self.people)

    @property
    def rate(self) -> Decimal | None:
        """Up-to-date required duties as a percentage of required duties, one decimal place."""
        if not self.required:
            return None
        return (Decimal(100) * self.up_to_date / self.required).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def figures(duties: Iterable[Duty]) -> Figures:
    result = Figures()
    for duty in duties:
        result.add(duty)
    return result


def figures_by(duties: Iterable[Duty], key: Callable[[Duty], tuple]) -> dict[tuple, Figures]:
    """Figures per group (`key` gives a sortable tuple for a duty); groups with no required
    duty (only recommended ones) are left out."""
    groups: dict[tuple, Figures] = {}
    for duty in duties:
        groups.setdefault(key(duty), Figures()).add(duty)
    return dict(sorted((k, f) for k, f in groups.items() if f.required))


def month_ends(today: date, months: int = 12) -> list[date]:
    """The last day of each of the `months` months up to this one (this one ends today)."""
    first_of_this_month = today.replace(day=1)
    ends = []
    for back in range(months - 1, 0, -1):
        start = first_of_this_month - relativedelta(months=back)
        ends.append(start + relativedelta(months=1) - timedelta(days=1))
    ends.append(today)
    return ends
