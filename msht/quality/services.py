"""Writes for quality assurance. Each validates, writes and audits in one transaction.

Audit events hold ids and counts only; answers, comments and findings stay in their tables.
"""

import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.cases.models import Case
from msht.cases.selectors import cases_visible_to
from msht.reference.dates import today as _today
from msht.reference.models import Area
from msht.reference.versioning import version_claim

from . import sampling
from .models import (
    OPEN_STATUSES,
    Answer,
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    DipSample,
    Finding,
    FollowUpAction,
    Question,
    Rating,
    SampleBasis,
    SampleMethod,
    Standard,
    TemplateVersion,
    Topic,
)
from .selectors import COMPLIANCE_AGGREGATES, stratum_key_annotations

SCALE_MESSAGE = "Choose fully met, partially met, not met or not applicable"
NOT_YOURS = "Only the reviewer assigned to this assessment can change its answers"


def _audit(actor: Any, operation: str, object_type: str, object_id: Any, **detail: Any) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
    )


# --- Who may do what ----------------------------------------------------------------------------


def reviewer_may_take(reviewer: Any, area_id: int) -> bool:
    """A reviewer must be able to see the case once assigned (the rule lives in `access`)."""
    return access.quality_reviewer_may_take(reviewer, area_id)


def manages_area(actor: Any, area_id: int) -> bool:
    return access.quality_manages_area(actor, area_id)


def _check_reviewers(reviewers: Sequence[Any], area_id: int) -> None:
    if not reviewers:
        raise ValidationError({"reviewers": "Choose at least one reviewer"})
    for reviewer in reviewers:
        if not reviewer_may_take(reviewer, area_id):
            raise ValidationError(
                {"reviewers": f"{reviewer.full_name} cannot review cases in this Area"}
            )


def _on_case_team(user: Any, case: Case) -> bool:
    return user.pk in (case.lawyer_id, case.paralegal_id)


def _lock(assessment: Assessment, expected_version: int | None = None) -> Assessment:
    """Inside a transaction: the assessment as it is now, locked, its version moved on; a save
    from a page built from an older `expected_version` is refused (someone else saved meanwhile)."""
    current = (
        Assessment.objects.select_for_update()
        .select_related("case", "template_version")
        .get(pk=assessment.pk)
    )
    version_claim(current, expected_version, what="this assessment")
    assessment.version = current.version
    return current


# --- Templates ----------------------------------------------------------------------------------


def template_revise(
    *,
    actor: Any,
    template: AssessmentTemplate,
    standards: Sequence[Mapping[str, Any]],
    change_note: str,
) -> TemplateVersion:
    """Make the template's next version. Earlier versions, and assessments on them, are untouched.

    `standards`: [{"code", "title", "guidance", "questions": [{"code", "text", "guidance",
    "weight", "topic"}]}], with `topic` a Topic code.
    """
    errors: dict[str, str] = {}
    if not change_note.strip():
        errors["change_note"] = "Say what changed in this version"
    if not standards or not all(s.get("questions") for s in standards):
        errors["standards"] = "Each standard needs at least one question"
    topics = {t.code: t for t in Topic.objects.all()}
    for spec in standards:
        for question in spec.get("questions", ()):
            weight = question.get("weight", 1)
            if not isinstance(weight, int) or not 1 <= weight <= 10:
                errors["standards"] = "Each question's weight must be a whole number from 1 to 10"
            if question.get("topic") and question["topic"] not in topics:
                errors["standards"] = f"Unknown training topic {question['topic']}"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        last = (
            TemplateVersion.objects.select_for_update()
            .filter(template=template)
            .order_by("-number")
            .first()
        )
        version = TemplateVersion.objects.create(
            template=template,
            number=(last.number + 1) if last else 1,
            change_note=change_note.strip()[:500],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for s_order, spec in enumerate(standards):
            standard = Standard.objects.create(
                version=version,
                code=spec["code"],
                title=spec["title"],
                guidance=spec.get("guidance", ""),
                order=s_order,
            )
            Question.objects.bulk_create(
                Question(
                    standard=standard,
                    code=q["code"],
                    text=q["text"],
                    guidance=q.get("guidance", ""),
                    weight=q.get("weight", 1),
                    topic=topics.get(q.get("topic") or ""),
                    order=q_order,
                )
                for q_order, q in enumerate(spec["questions"])
            )
        _audit(
            actor,
            Operation.ALTERATION,
            "quality_template",
            template.pk,
            action="new version",
            version=version.number,
        )
    return version


def template_spec(version: TemplateVersion) -> list[dict[str, Any]]:
    """A version's content in the form `template_revise` takes (to edit and save as new)."""
    standards = version.standards.prefetch_related("questions__topic")
    return [
        {
            "code": s.code,
            "title": s.title,
            "guidance": s.guidance,
            "questions": [
                {
                    "code": q.code,
                    "text": q.text,
                    "guidance": q.guidance,
                    "weight": q.weight,
                    "topic": q.topic.code if q.topic else "",
                }
                for q in s.questions.all()
            ],
        }
        for s in standards
    ]


# --- Dip sampling -------------------------------------------------------------------------------


def sample_population(
    actor: Any, *, area: Area, period_start: date, period_end: date, basis: str
) -> list[tuple[str, int]]:
    """(stratum key, case id) for the cases the sample is drawn from, in a fixed order."""
    rows = (
        cases_visible_to(actor)
        .filter(area=area, **{f"{basis}__gte": period_start, f"{basis}__lte": period_end})
        .annotate(**stratum_key_annotations())
        .order_by("pk")
        .values_list("stratum_unit", "stratum_type", "pk")
    )
    return [(f"{unit or 'UNALLOCATED'}/{kind or 'NONE'}", pk) for unit, kind, pk in rows]


def _sample_parameters(
    *,
    period_start: date | None,
    period_end: date | None,
    basis: str,
    method: str,
    rate_percent: Decimal | None,
    count: int | None,
    due_date: date | None,
) -> None:
    errors: dict[str, str] = {}
    if period_start is None:
        errors["period_start"] = "Enter the start of the period"
    if period_end is None:
        errors["period_end"] = "Enter the end of the period"
    if period_start and period_end and period_start > period_end:
        errors["period_end"] = "The end of the period must be the same as or after the start"
    if basis not in SampleBasis.values:
        errors["basis"] = "Choose which date puts a case in the period"
    if method not in SampleMethod.values:
        errors["method"] = "Choose a share of the cases or a number of cases"
    elif method == SampleMethod.RATE and rate_percent is None:
        errors["rate_percent"] = "Enter the share of cases to sample, as a percentage"
    elif method == SampleMethod.COUNT and count is None:
        errors["count"] = "Enter the number of cases to sample"
    if due_date is None:
        errors["due_date"] = "Enter the date the reviews are due"
    elif due_date < _today():
        errors["due_date"] = "The date the reviews are due must be today or in the future"
    if errors:
        raise ValidationError(errors)


def dip_sample_draw(
    *,
    actor: Any,
    area: Area,
    period_start: date,
    period_end: date,
    template: AssessmentTemplate,
    reviewers: Sequence[Any],
    due_date: date,
    method: str,
    rate_percent: Decimal | None = None,
    count: int | None = None,
    basis: str = SampleBasis.REFERRAL,
    seed: int | None = None,
) -> DipSample:
    """Draw a stratified sample (unit x exploitation type) and assign it round-robin."""
    if not manages_area(actor, area.pk):
        raise ValidationError({"area": "You can only draw samples for your own Area"})
    _sample_parameters(
        period_start=period_start,
        period_end=period_end,
        basis=basis,
        method=method,
        rate_percent=rate_percent,
        count=count,
        due_date=due_date,
    )
    reviewers = list(reviewers)
    _check_reviewers(reviewers, area.pk)
    version = template.current_version
    if version is None:
        raise ValidationError({"template": "That template has no questions yet"})
    if seed is None:
        seed = secrets.randbelow(2**31)
    population = sample_population(
        actor, area=area, period_start=period_start, period_end=period_end, basis=basis
    )
    try:
        n = sampling.sample_size(
            len(population),
            rate_percent=rate_percent if method == SampleMethod.RATE else None,
            count=count if method == SampleMethod.COUNT else None,
        )
        drawn = sampling.draw(population, n, seed)
    except sampling.SampleRefused as refusal:
        key = "count" if method == SampleMethod.COUNT else "rate_percent"
        if not population:
            key = "period_start"
        if "seed" in str(refusal):
            key = "seed"
        raise ValidationError({key: str(refusal)}) from refusal
    strata: dict[str, dict[str, int]] = {}
    for key, _ in population:
        strata.setdefault(key, {"population": 0, "drawn": 0})["population"] += 1
    for key, _ in drawn:
        strata[key]["drawn"] += 1
    cases = Case.objects.in_bulk([pk for _, pk in drawn])
    with transaction.atomic():
        sample = DipSample.objects.create(
            area=area,
            period_start=period_start,
            period_end=period_end,
            basis=basis,
            method=method,
            rate_percent=rate_percent if method == SampleMethod.RATE else None,
            requested_count=count if method == SampleMethod.COUNT else None,
            seed=seed,
            template_version=version,
            population_size=len(population),
            strata=strata,
            due_date=due_date,
            drawn_by=actor,
        )
        assessments = []
        turn = 0
        for key, pk in drawn:
            case = cases[pk]
            for attempt in range(len(reviewers)):
                reviewer = reviewers[(turn + attempt) % len(reviewers)]
                if not _on_case_team(reviewer, case):
                    turn = turn + attempt + 1
                    break
            else:
                raise ValidationError(
                    {"reviewers": f"No reviewer chosen is independent of case {case.urn_display}"}
                )
            assessments.append(
                Assessment(
                    case=case,
                    template_version=version,
                    sample=sample,
                    stratum=key,
                    reviewer=reviewer,
                    due_date=due_date,
                    created_by=actor,
                )
            )
        created = Assessment.objects.bulk_create(assessments)
        _audit(
            actor,
            Operation.COLLECTION,
            "dip_sample",
            sample.pk,
            area=area.code,
            seed=seed,
            population=len(population),
            drawn=len(created),
            assessment_ids=[a.pk for a in created],
        )
    return sample


def dip_sample_redraw(actor: Any, sample: DipSample) -> list[int]:
    """The case ids the sample's seed gives over today's population (to check reproduction)."""
    population = sample_population(
        actor,
        area=sample.area,
        period_start=sample.period_start,
        period_end=sample.period_end,
        basis=sample.basis,
    )
    n = sampling.sample_size(
        len(population),
        rate_percent=sample.rate_percent if sample.method == SampleMethod.RATE else None,
        count=sample.requested_count if sample.method == SampleMethod.COUNT else None,
    )
    return [pk for _, pk in sampling.draw(population, n, sample.seed)]


# --- Assessments --------------------------------------------------------------------------------


def assessment_create(
    *, actor: Any, case: Case, template: AssessmentTemplate, reviewer: Any, due_date: date | None
) -> Assessment:
    """An assessment outside a sample (for example a case management panel)."""
    if (
        not manages_area(actor, case.area_id)
        or not cases_visible_to(actor).filter(pk=case.pk).exists()
    ):
        raise ValidationError({"case": "You can only start reviews of cases in your Area"})
    errors = {}
    if reviewer is None or not reviewer_may_take(reviewer, case.area_id):
        errors["reviewer"] = "Choose a reviewer who can review cases in this Area"
    elif _on_case_team(reviewer, case):
        errors["reviewer"] = "The reviewer must not be the case's own lawyer or paralegal"
    if due_date is None:
        errors["due_date"] = "Enter the date the review is due"
    elif due_date < _today():
        errors["due_date"] = "The date the review is due must be today or in the future"
    version = template.current_version
    if version is None:
        errors["template"] = "That template has no questions yet"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case,
            template_version=version,
            reviewer=reviewer,
            due_date=due_date,
            created_by=actor,
        )
        _audit(
            actor,
            Operation.COLLECTION,
            "quality_assessment",
            assessment.pk,
            case=case.pk,
            template_version=version.pk,
            reviewer=reviewer.pk,
        )
    return assessment


def assessment_reassign(
    *, actor: Any, assessment: Assessment, reviewer: Any, expected_version: int | None = None
) -> Assessment:
    with transaction.atomic():
        current = _lock(assessment, expected_version)
        if not manages_area(actor, current.case.area_id):
            raise ValidationError({"reviewer": "You can only reassign reviews in your Area"})
        if current.status not in OPEN_STATUSES:
            raise ValidationError({"reviewer": "A completed assessment cannot be reassigned"})
        if reviewer is None or not reviewer_may_take(reviewer, current.case.area_id):
            raise ValidationError({"reviewer": "Choose a reviewer who can review this case"})
        if _on_case_team(reviewer, current.case):
            raise ValidationError(
                {"reviewer": "The reviewer must not be the case's own lawyer or paralegal"}
            )
        previous = current.reviewer_id
        current.reviewer = reviewer
        current.save(update_fields=["reviewer", "updated_at"])
        _audit(
            actor,
            Operation.ALTERATION,
            "quality_assessment",
            current.pk,
            action="reassigned",
            previous_reviewer=previous,
            reviewer=reviewer.pk,
        )
    return current


def _score(assessment_id: int) -> Decimal | None:
    """Weighted score: the share of the applicable questions' weight met (partially met: half)."""
    totals = Answer.objects.filter(assessment_id=assessment_id).aggregate(
        points=COMPLIANCE_AGGREGATES["points"], possible=COMPLIANCE_AGGREGATES["possible"]
    )
    if not totals["possible"]:
        return None
    return (Decimal(100) * totals["points"] / totals["possible"]).quantize(Decimal("0.1"))


def assessment_answers_save(
    *,
    actor: Any,
    assessment: Assessment,
    answers: Mapping[int, tuple[str, str]],
    summary: str | None = None,
    complete: bool = False,
    expected_version: int | None = None,
) -> Assessment:
    """Save the reviewer's answers ({question id: (rating, comment)}); optionally complete it.

    Answers may be saved bit by bit; completing needs every question answered.
    """
    with transaction.atomic():
        current = _lock(assessment, expected_version)
        if current.reviewer_id != getattr(actor, "pk", None) or not access.can(
            actor, Capability.QUALITY_REVIEW
        ):
            raise ValidationError(NOT_YOURS)
        if current.status not in OPEN_STATUSES:
            raise ValidationError(
                "This assessment has been completed, so its answers can no longer be changed"
            )
        questions = {
            q.pk: q
            for q in Question.objects.filter(standard__version_id=current.template_version_id)
        }
        errors: dict[str, str] = {}
        for question_id, (rating, _comment) in answers.items():
            if question_id not in questions:
                errors[f"q{question_id}"] = "That question is not part of this assessment"
            elif rating not in Rating.values:
                errors[f"q{question_id}"] = f"{SCALE_MESSAGE} for: {questions[question_id].text}"
        if errors:
            raise ValidationError(errors)
        existing = {a.question_id: a for a in current.answers.all()}
        to_create, to_update = [], []
        for question_id, (rating, comment) in answers.items():
            comment = (comment or "").strip()
            if question_id in existing:
                answer = existing[question_id]
                if (answer.rating, answer.comment) != (rating, comment):
                    answer.rating, answer.comment = rating, comment
                    to_update.append(answer)
            else:
                to_create.append(
                    Answer(
                        assessment=current, question_id=question_id, rating=rating, comment=comment
                    )
                )
        Answer.objects.bulk_create(to_create)
        Answer.objects.bulk_update(to_update, ["rating", "comment"])
        answered = set(existing) | set(answers)
        if complete:
            missing = [q for pk, q in questions.items() if pk not in answered]
            if missing:
                raise ValidationError(
                    {
                        f"q{q.pk}": f"Answer this question before completing: {q.text}"
                        for q in missing
                    }
                )
        fields = ["status", "updated_at", "score"]
        if summary is not None:
            current.summary = summary.strip()
            fields.append("summary")
        current.score = _score(current.pk)
        if complete:
            current.status = AssessmentStatus.COMPLETED
            current.completed_at = timezone.now()
            fields.append("completed_at")
        else:
            current.status = AssessmentStatus.IN_PROGRESS
        current.save(update_fields=fields)
        _audit(
            actor,
            Operation.ALTERATION,
            "quality_assessment",
            current.pk,
            action="completed" if complete else "answers saved",
            answers_created=len(to_create),
            answers_changed=len(to_update),
        )
    return current


def may_add_findings(actor: Any, assessment: Assessment) -> bool:
    if assessment.status == AssessmentStatus.SIGNED_OFF:
        return False
    return (
        assessment.reviewer_id == getattr(actor, "pk", None)
        and access.can(actor, Capability.QUALITY_REVIEW)
    ) or manages_area(actor, assessment.case.area_id)


def finding_add(
    *,
    actor: Any,
    assessment: Assessment,
    text: str,
    topics: Iterable[Topic],
    person: Any = None,
    question: Question | None = None,
) -> Finding:
    with transaction.atomic():
        current = _lock(assessment)
        if not may_add_findings(actor, current):
            raise ValidationError(
                "Findings can only be added by the reviewer or a unit head "
                "before the assessment is signed off"
            )
        topics = list(topics)
        errors = {}
        if not text.strip():
            errors["text"] = "Describe the finding"
        if not topics:
            errors["topics"] = "Choose at least one training topic"
        if question is not None and question.standard.version_id != current.template_version_id:
            errors["question"] = "That question is not part of this assessment"
        if person is not None and not person.is_active:
            errors["person"] = "Choose a current member of staff"
        if errors:
            raise ValidationError(errors)
        finding = Finding.objects.create(
            assessment=current, text=text.strip(), person=person, question=question
        )
        finding.topics.set(topics)
        _audit(
            actor,
            Operation.ALTERATION,
            "quality_assessment",
            current.pk,
            action="finding added",
            finding=finding.pk,
            topics=[t.code for t in topics],
        )
    return finding


def action_add(
    *, actor: Any, assessment: Assessment, description: str, owner: Any, due_date: date | None
) -> FollowUpAction:
    with transaction.atomic():
        current = _lock(assessment)
        if not may_add_findings(actor, current):
            raise ValidationError(
                "Actions can only be added by the reviewer or a unit head "
                "before the assessment is signed off"
            )
        errors = {}
        if not description.strip():
            errors["description"] = "Describe the action"
        if owner is None or not owner.is_active:
            errors["owner"] = "Choose who owns the action"
        elif access.confined_to_another_area(owner, current.case.area_id):
            errors["owner"] = "The owner must work in the case's Area"
        if due_date is None:
            errors["due_date"] = "Enter the date the action is due"
        elif due_date < _today():
            errors["due_date"] = "The date the action is due must be today or in the future"
        if errors:
            raise ValidationError(errors)
        action = FollowUpAction.objects.create(
            assessment=current, description=description.strip(), owner=owner, due_date=due_date
        )
        _audit(
            actor,
            Operation.ALTERATION,
            "quality_assessment",
            current.pk,
            action="follow-up action added",
            follow_up=action.pk,
            owner=owner.pk,
        )
    return action


def action_complete(
    *, actor: Any, action: FollowUpAction, completed_on: date | None = None
) -> FollowUpAction:
    completed_on = completed_on or _today()
    with transaction.atomic():
        current = (
            FollowUpAction.objects.select_for_update()
            .select_related("assessment__case")
            .get(pk=action.pk)
        )
        if actor.pk != current.owner_id and not manages_area(
            actor, current.assessment.case.area_id
        ):
            raise ValidationError("Only the action's owner or a unit head can mark it done")
        if current.completed_on:
            raise ValidationError("This action is already done")
        if completed_on > _today():
            raise ValidationError({"completed_on": "The date must be today or in the past"})
        current.completed_on = completed_on
        current.save(update_fields=["completed_on"])
        _audit(
            actor,
            Operation.ALTERATION,
            "quality_assessment",
            current.assessment_id,
            action="follow-up action done",
            follow_up=current.pk,
        )
    return current


SIGN_OFF_TOO_EARLY = (
    "You cannot sign off this assessment yet: the reviewer has not completed it. "
    "Sign it off once its status is 'Completed, awaiting sign-off'."
)


def assessment_sign_off(
    *, actor: Any, assessment: Assessment, comment: str = "", expected_version: int | None = None
) -> Assessment:
    with transaction.atomic():
        current = _lock(assessment, expected_version)
        if not manages_area(actor, current.case.area_id):
            raise ValidationError("Only a unit head for the case's Area can sign off")
        if current.status == AssessmentStatus.SIGNED_OFF:
            raise ValidationError("This assessment has already been signed off")
        if current.status != AssessmentStatus.COMPLETED:
            raise ValidationError(SIGN_OFF_TOO_EARLY)
        if current.reviewer_id == actor.pk:
            raise ValidationError("Someone other than the reviewer must sign off the assessment")
        current.status = AssessmentStatus.SIGNED_OFF
        current.signed_off_by = actor
        current.signed_off_at = timezone.now()
        current.sign_off_comment = comment.strip()
        current.save(
            update_fields=[
                "status",
                "signed_off_by",
                "signed_off_at",
                "sign_off_comment",
                "updated_at",
            ]
        )
        _audit(actor, Operation.ALTERATION, "quality_assessment", current.pk, action="signed off")
    return current


def assessment_view_record(*, actor: Any, assessment: Assessment) -> None:
    """Reading an assessment is a consultation (DPA 2018 s62)."""
    with transaction.atomic():
        _audit(
            actor,
            Operation.CONSULTATION,
            "quality_assessment",
            assessment.pk,
            case=assessment.case_id,
        )


def assessments_list_view_record(*, actor: Any, ids: Sequence[int], page: str) -> None:
    if ids:
        with transaction.atomic():
            _audit(
                actor,
                Operation.CONSULTATION,
                "quality_assessment_list",
                "",
                page=page,
                assessment_ids=list(ids),
            )
