"""Reads for quality assurance. Cases are reached only through the case register's scope rule.

Scope: a quality reviewer sees the assessments assigned to them; a unit head and an Area
performance manager those on their Area's cases; national roles all. Dashboards aggregate in the
database (one grouped query per table), never row by row in Python.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.cases.models import Case
from msht.cases.selectors import allocation_compliance, case_scope_q, cases_visible_to

from .models import (
    DONE_STATUSES,
    OPEN_STATUSES,
    Answer,
    Assessment,
    AssessmentTemplate,
    DipSample,
    Finding,
    FollowUpAction,
    Rating,
    Standard,
    TemplateVersion,
    Topic,
)


def may_use_quality(user: Any) -> bool:
    return access.can(user, Capability.QUALITY_REVIEW) or access.can(
        user, Capability.QUALITY_MANAGE
    )


def _scope_q(user: Any, prefix: str = "") -> Q:
    """Assessments in the user's scope, as a Q over `<prefix>` (a path to an Assessment)."""
    if not may_use_quality(user):
        return access.NOTHING
    q = case_scope_q(user, prefix=f"{prefix}case__")
    if access.sees_only_assigned(user):
        q &= Q(**{f"{prefix}reviewer": user})
    return q


def assessments_visible_to(user: Any) -> QuerySet[Assessment]:
    return Assessment.objects.filter(_scope_q(user))


def assessment_list(
    user: Any, *, status: str = "", overdue: bool = False, sample: DipSample | None = None
) -> QuerySet[Assessment]:
    queryset = assessments_visible_to(user).select_related(
        "case", "case__area", "case__unit", "reviewer", "template_version__template"
    )
    if status:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.filter(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
    if sample is not None:
        queryset = queryset.filter(sample=sample)
    return queryset.order_by("due_date", "id")


def assessment_get_visible(user: Any, *, pk: Any) -> Assessment:
    queryset = assessments_visible_to(user).select_related(
        "case",
        "case__area",
        "case__unit",
        "case__recommended_unit",
        "case__lawyer",
        "reviewer",
        "signed_off_by",
        "sample",
        "template_version__template",
    )
    return access.get_visible_or_404(queryset, pk=pk)


def assessment_standards(assessment: Assessment) -> list[dict]:
    """The version's standards and questions, each with this assessment's answer (or None)."""
    answers = {a.question_id: a for a in assessment.answers.all()}
    standards = Standard.objects.filter(version_id=assessment.template_version_id).prefetch_related(
        "questions__topic"
    )
    return [
        {
            "standard": standard,
            "questions": [
                {"question": q, "answer": answers.get(q.pk)} for q in standard.questions.all()
            ],
        }
        for standard in standards
    ]


def assessment_findings(assessment: Assessment) -> list[Finding]:
    return list(assessment.findings.select_related("person", "question").prefetch_related("topics"))


def assessment_actions(assessment: Assessment) -> list[FollowUpAction]:
    return list(assessment.actions.select_related("owner"))


def my_open_reviews(user: Any, *, limit: int | None = None) -> QuerySet[Assessment]:
    queryset = (
        assessments_visible_to(user)
        .filter(reviewer=user, status__in=OPEN_STATUSES)
        .select_related("case", "case__area", "template_version__template")
        .order_by("due_date", "id")
    )
    return queryset[:limit] if limit else queryset


def awaiting_sign_off(user: Any) -> QuerySet[Assessment]:
    if not access.can(user, Capability.QUALITY_SIGN_OFF):
        return Assessment.objects.none()
    return (
        assessments_visible_to(user)
        .filter(status="completed")
        .exclude(reviewer=user)
        .select_related("case", "reviewer", "template_version__template")
        .order_by("completed_at", "id")
    )


def samples_visible_to(user: Any) -> QuerySet[DipSample]:
    if not access.can(user, Capability.QUALITY_MANAGE):
        return DipSample.objects.none()
    return DipSample.objects.filter(access.scope_filter(user, area_field="area"))


def sample_list(user: Any) -> QuerySet[DipSample]:
    return (
        samples_visible_to(user)
        .select_related("area", "template_version__template", "drawn_by")
        .annotate(
            total=Count("assessments"),
            done=Count("assessments", filter=Q(assessments__status__in=DONE_STATUSES)),
            signed_off=Count("assessments", filter=Q(assessments__status="signed_off")),
        )
        .order_by("-drawn_at", "-id")
    )


def sample_get_visible(user: Any, *, pk: Any) -> DipSample:
    return access.get_visible_or_404(sample_list(user), pk=pk)


def sample_progress(sample: DipSample) -> list[dict]:
    rows = sample.assessments.values("status").annotate(n=Count("pk")).order_by("status")
    return list(rows)


def stratum_key_annotations() -> dict[str, Any]:
    """A case's stratum: its unit, and its first exploitation type in reference order."""
    through = Case.exploitation_types.through
    first_type = (
        through.objects.filter(case_id=OuterRef("pk"))
        .order_by("exploitationtype__order", "exploitationtype__code")
        .values("exploitationtype__code")[:1]
    )
    return {"stratum_unit": F("unit__code"), "stratum_type": Subquery(first_type)}


def templates_all() -> QuerySet[AssessmentTemplate]:
    return AssessmentTemplate.objects.prefetch_related(
        Prefetch("versions", queryset=TemplateVersion.objects.order_by("-number"))
    ).order_by("name")


def template_version_detail(version_pk: Any) -> TemplateVersion:
    return TemplateVersion.objects.select_related("template").get(pk=version_pk)


def topics_enabled() -> QuerySet[Topic]:
    return Topic.objects.filter(disabled_on__isnull=True).order_by("order", "name")


# --- Dashboards ---------------------------------------------------------------------------------


@dataclass
class DashboardFilters:
    area: str = ""
    unit: str = ""
    completed_from: date | None = None
    completed_to: date | None = None


def _answers_in_scope(user: Any, filters: DashboardFilters) -> QuerySet[Answer]:
    queryset = Answer.objects.filter(
        _scope_q(user, prefix="assessment__"), assessment__status__in=DONE_STATUSES
    )
    if filters.area:
        queryset = queryset.filter(assessment__case__area__code=filters.area)
    if filters.unit:
        queryset = queryset.filter(assessment__case__unit__code=filters.unit)
    if filters.completed_from:
        queryset = queryset.filter(
            assessment__completed_at__gte=timezone.make_aware(
                datetime.combine(filters.completed_from, time.min)
            )
        )
    if filters.completed_to:
        queryset = queryset.filter(
            assessment__completed_at__lte=timezone.make_aware(
                datetime.combine(filters.completed_to, time.max)
            )
        )
    return queryset


def _weight() -> F:
    return F("question__weight")


COMPLIANCE_AGGREGATES = {
    # 2 points per unit of weight fully met, 1 partially met; out of 2 per applicable unit.
    "points": Sum(
        CaseWhen(
            When(rating=Rating.FULLY_MET, then=2 * _weight()),
            When(rating=Rating.PARTIALLY_MET, then=_weight()),
            default=0,
            output_field=IntegerField(),
        )
    ),
    "possible": Sum(
        CaseWhen(
            When(~Q(rating=Rating.NOT_APPLICABLE), then=2 * _weight()),
            default=0,
            output_field=IntegerField(),
        )
    ),
    "answers": Count("pk"),
    "not_met": Count("pk", filter=Q(rating=Rating.NOT_MET)),
    "partially_met": Count("pk", filter=Q(rating=Rating.PARTIALLY_MET)),
    "assessments": Count("assessment", distinct=True),
}

DIMENSIONS = {
    "standard": ("question__standard__code", "question__standard__title"),
    "question": ("question__code", "question__text"),
    "area": ("assessment__case__area__code", "assessment__case__area__name"),
    "unit": ("assessment__case__unit__code", "assessment__case__unit__name"),
    "month": ("month",),
}


def _rate(row: dict) -> Decimal | None:
    if not row["possible"]:
        return None
    return (Decimal(100) * row["points"] / row["possible"]).quantize(Decimal("0.1"))


def compliance_by(user: Any, dimension: str, filters: DashboardFilters) -> list[dict]:
    """Compliance (weighted share met) per standard, question, Area, unit or month."""
    fields = DIMENSIONS[dimension]
    queryset = _answers_in_scope(user, filters)
    if dimension == "month":
        queryset = queryset.annotate(month=TruncMonth("assessment__completed_at"))
    rows = queryset.values(*fields).annotate(**COMPLIANCE_AGGREGATES).order_by(*fields)
    result = []
    for row in rows:
        key = row[fields[0]]
        label = row[fields[-1]]
        if dimension == "month" and key is not None:
            label = key.strftime("%B %Y")
        result.append(
            {
                "key": key,
                "label": label if label is not None else "Not allocated",
                "rate": _rate(row),
                "assessments": row["assessments"],
                "answers": row["answers"],
                "failures": row["not_met"] + row["partially_met"],
                "not_met": row["not_met"],
            }
        )
    return result


def compliance_overall(user: Any, filters: DashboardFilters) -> dict:
    row = _answers_in_scope(user, filters).aggregate(**COMPLIANCE_AGGREGATES)
    return {"rate": _rate(row), "assessments": row["assessments"], "answers": row["answers"]}


def most_common_failures(user: Any, filters: DashboardFilters, *, limit: int = 10) -> list[dict]:
    rows = (
        _answers_in_scope(user, filters)
        .filter(rating__in=(Rating.NOT_MET, Rating.PARTIALLY_MET))
        .values("question__code", "question__text", "question__standard__title")
        .annotate(
            failures=Count("pk"),
            not_met=Count("pk", filter=Q(rating=Rating.NOT_MET)),
        )
        .order_by("-failures", "-not_met", "question__code")[:limit]
    )
    return list(rows)


def overdue_assessments(user: Any) -> QuerySet[Assessment]:
    return assessment_list(user, overdue=True)


def overdue_actions(user: Any) -> QuerySet[FollowUpAction]:
    return (
        FollowUpAction.objects.filter(
            _scope_q(user, prefix="assessment__"),
            completed_on__isnull=True,
            due_date__lt=timezone.localdate(),
        )
        .select_related("owner", "assessment__case")
        .order_by("due_date", "id")
    )


def open_actions_for(user: Any) -> QuerySet[FollowUpAction]:
    """Actions the user owns that are not done (on assessments the user may see)."""
    return (
        FollowUpAction.objects.filter(owner=user, completed_on__isnull=True)
        .filter(_scope_q(user, prefix="assessment__"))
        .select_related("assessment__case")
        .order_by("due_date", "id")
    )


# --- Training needs -----------------------------------------------------------------------------

TRAINING_GROUPS = {
    "area": ("assessment__case__area__code", "assessment__case__area__name"),
    "unit": ("assessment__case__unit__code", "assessment__case__unit__name"),
    "person": ("person__email", "person__full_name"),
}


def training_needs(user: Any, by: str, filters: DashboardFilters | None = None) -> list[dict]:
    """Findings per training topic and Area, unit or person, most findings first.

    The contract for the training records: each row is {"topic_code", "topic", "group_code",
    "group", "findings", "assessments"}; for `by="person"`, `group_code` is the person's email.
    Only findings on completed or signed-off assessments count.
    """
    filters = filters or DashboardFilters()
    group_code, group_name = TRAINING_GROUPS[by]
    through = Finding.topics.through
    queryset = through.objects.filter(
        _scope_q(user, prefix="finding__assessment__"),
        finding__assessment__status__in=DONE_STATUSES,
    )
    if filters.area:
        queryset = queryset.filter(finding__assessment__case__area__code=filters.area)
    if by == "person":
        queryset = queryset.filter(finding__person__isnull=False)
    rows = (
        queryset.values(
            "topic__code", "topic__name", f"finding__{group_code}", f"finding__{group_name}"
        )
        .annotate(
            findings=Count("finding", distinct=True),
            assessments=Count("finding__assessment", distinct=True),
        )
        .order_by("-findings", "topic__code", f"finding__{group_code}")
    )
    return [
        {
            "topic_code": row["topic__code"],
            "topic": row["topic__name"],
            "group_code": row[f"finding__{group_code}"] or "",
            "group": row[f"finding__{group_name}"] or "Not allocated",
            "findings": row["findings"],
            "assessments": row["assessments"],
        }
        for row in rows
    ]


# --- Allocation assurance -----------------------------------------------------------------------


def allocation_assurance_by_area(user: Any) -> list[dict]:
    """Per Area: the case register's own figure (one definition for both features)."""
    return allocation_compliance(user)


def allocation_assurance_by_unit(user: Any, *, area: str = "") -> list[dict]:
    """Per Area and allocated unit: allocated, as recommended, different (with a reason)."""
    queryset = cases_visible_to(user).filter(unit__isnull=False)
    if area:
        queryset = queryset.filter(area__code=area)
    rows = (
        queryset.values("area__code", "area__name", "area__order", "unit__code", "unit__name")
        .annotate(
            allocated=Count("pk"),
            followed=Count("pk", filter=Q(unit=F("recommended_unit"))),
            no_recommendation=Count("pk", filter=Q(recommended_unit__isnull=True)),
            differs_with_reason=Count(
                "pk",
                filter=~Q(unit=F("recommended_unit"))
                & Q(recommended_unit__isnull=False)
                & ~Q(allocation_reason=""),
            ),
        )
        .order_by("area__order", "unit__code")
    )
    result = []
    for row in rows:
        differs = row["allocated"] - row["followed"] - row["no_recommendation"]
        result.append(
            {
                "area": row["area__name"],
                "unit": row["unit__name"],
                "allocated": row["allocated"],
                "followed": row["followed"],
                "differs": differs,
                "differs_with_reason": row["differs_with_reason"],
                "differs_without_reason": differs - row["differs_with_reason"],
                "rate": (Decimal(100) * row["followed"] / row["allocated"]).quantize(Decimal("0.1"))
                if row["allocated"]
                else None,
            }
        )
    return result


def allocation_deviations(user: Any, *, area: str = "", limit: int = 50) -> QuerySet[Case]:
    """Cases allocated to a unit other than the recommended one, with the reason given."""
    queryset = (
        cases_visible_to(user)
        .filter(unit__isnull=False, recommended_unit__isnull=False)
        .exclude(unit=F("recommended_unit"))
    )
    if area:
        queryset = queryset.filter(area__code=area)
    return queryset.select_related("area", "unit", "recommended_unit").order_by(
        "area__order", "-referral_date", "-id"
    )[:limit]
