"""Writes to the casework hub: items through their workflow, and feedback between Areas and
CPS Direct. Each service validates, writes and records its audit event in one transaction.

Audit rows hold ids and counts only. Reading a published item is not a consultation of personal
data and is not audited; reading a feedback item is (it may describe a live case).
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.models import Area, ExploitationType, Offence
from msht.reference.versioning import version_claim

from .markdown import plain_text, render_markdown
from .models import (
    CaseLink,
    FeedbackDirection,
    FeedbackItem,
    FeedbackStatus,
    Item,
    Kind,
    LegalIssue,
    MsaSection,
    Status,
)

ITEM = "hub.item"
FEEDBACK = "hub.feedback"
MAX_REVIEW_MONTHS = 24

NOT_ALLOWED = "You cannot do that with this item"


class HubPermissionDenied(Exception):
    """The user may not do this; views answer 404 so nothing about the record leaks."""


def _refuse_unless(condition: bool) -> None:
    if not condition:
        raise HubPermissionDenied


def _tags_text(
    legal_issues: Iterable[LegalIssue],
    msa_sections: Iterable[MsaSection],
    exploitation_types: Iterable[ExploitationType],
    offences: Iterable[Offence],
    areas: Iterable[Area],
) -> str:
    names = [
        tag.name for tags in (legal_issues, msa_sections, exploitation_types, areas) for tag in tags
    ]
    names += [f"{offence.name} {offence.statute} {offence.section}" for offence in offences]
    return "\n".join(names)


def _validate_content(*, kind: str, title: str, summary: str, body: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = "Select the kind of item"
    if not title.strip():
        errors["title"] = "Enter a title"
    elif len(title) > 200:
        errors["title"] = "Title must be 200 characters or fewer"
    if not summary.strip():
        errors["summary"] = "Enter a summary"
    elif len(summary) > 1000:
        errors["summary"] = "Summary must be 1,000 characters or fewer"
    if not body.strip():
        errors["body"] = "Enter the content"
    elif len(body) > 100_000:
        errors["body"] = "Content must be 100,000 characters or fewer"
    return errors


def _set_content(
    item: Item, *, kind: str, title: str, summary: str, body: str, tags: dict[str, list]
) -> None:
    item.kind = kind
    item.title = title.strip()
    item.summary = summary.strip()
    item.body = body
    item.body_html = render_markdown(body)
    item.body_text = plain_text(item.body_html)
    item.keywords = _tags_text(
        tags.get("legal_issues", []),
        tags.get("msa_sections", []),
        tags.get("exploitation_types", []),
        tags.get("offences", []),
        tags.get("areas", []),
    )


def _set_tags(item: Item, tags: dict[str, list]) -> None:
    for name in ("legal_issues", "msa_sections", "exploitation_types", "offences", "areas"):
        getattr(item, name).set(tags.get(name, []))


def _tag_counts(tags: dict[str, list]) -> dict[str, int]:
    return {name: len(values) for name, values in tags.items()}


def _cases_for_urns(actor: Any, case_urns: Iterable[str]) -> list:
    """The cases the actor may see with these URNs; any other URN is an error (a case out of
    the actor's scope and a case that does not exist give the same message)."""
    from msht.cases.selectors import cases_visible_to
    from msht.cases.urn import urn_display, urn_normalise

    wanted = list(dict.fromkeys(urn_normalise(urn) for urn in case_urns if urn.strip()))
    if not wanted:
        return []
    found = {case.urn: case for case in cases_visible_to(actor).filter(urn__in=wanted)}
    missing = [urn for urn in wanted if urn not in found]
    if missing:
        shown = ", ".join(urn_display(urn) for urn in missing[:5])
        raise ValidationError({"case_urns": f"No case you can see has the URN {shown}"})
    return [found[urn] for urn in wanted]


def _set_case_links(item: Item, *, actor: Any, cases: list) -> dict[str, int]:
    """Replace the links the actor can see; links to cases out of their scope are kept."""
    from msht.cases.selectors import cases_visible_to

    visible = set(cases_visible_to(actor).filter(hub_links__item=item).values_list("pk", flat=True))
    wanted = {case.pk for case in cases}
    removed = visible - wanted
    CaseLink.objects.filter(item=item, case_id__in=removed).delete()
    existing = set(CaseLink.objects.filter(item=item).values_list("case_id", flat=True))
    now = timezone.now()
    added = [
        CaseLink(item=item, case=case, added_by=actor, added_at=now)
        for case in cases
        if case.pk not in existing
    ]
    CaseLink.objects.bulk_create(added)
    return {"cases_linked": len(added), "cases_unlinked": len(removed)}


def may_edit(user: Any, item: Item) -> bool:
    """Authors edit their own drafts; editors edit anything that is not archived."""
    if item.status == Status.ARCHIVED:
        return False
    if access.can(user, Capability.HUB_PUBLISH):
        return True
    return (
        access.can(user, Capability.HUB_WRITE)
        and item.author_id == user.pk
        and item.status == Status.DRAFT
    )


def item_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    summary: str,
    body: str,
    legal_issues: Iterable[LegalIssue] = (),
    msa_sections: Iterable[MsaSection] = (),
    exploitation_types: Iterable[ExploitationType] = (),
    offences: Iterable[Offence] = (),
    areas: Iterable[Area] = (),
    source_feedback: FeedbackItem | None = None,
    case_urns: Iterable[str] = (),
) -> Item:
    _refuse_unless(access.can(actor, Capability.HUB_WRITE))
    errors = _validate_content(kind=kind, title=title, summary=summary, body=body)
    if errors:
        raise ValidationError(errors)
    cases = _cases_for_urns(actor, case_urns)
    tags = {
        "legal_issues": list(legal_issues),
        "msa_sections": list(msa_sections),
        "exploitation_types": list(exploitation_types),
        "offences": list(offences),
        "areas": list(areas),
    }
    now = timezone.now()
    with transaction.atomic():
        item = Item(
            author=actor,
            status=Status.DRAFT,
            created_at=now,
            updated_at=now,
            source_feedback=source_feedback,
        )
        _set_content(item, kind=kind, title=title, summary=summary, body=body, tags=tags)
        item.save()
        _set_tags(item, tags)
        links = _set_case_links(item, actor=actor, cases=cases)
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type=ITEM,
            object_id=item.pk,
            detail={"kind": kind, "tags": _tag_counts(tags), **links},
        )
    return item


def item_update(
    *,
    actor: Any,
    item: Item,
    kind: str,
    title: str,
    summary: str,
    body: str,
    legal_issues: Iterable[LegalIssue] = (),
    msa_sections: Iterable[MsaSection] = (),
    exploitation_types: Iterable[ExploitationType] = (),
    offences: Iterable[Offence] = (),
    areas: Iterable[Area] = (),
    case_urns: Iterable[str] | None = None,
    expected_version: int | None = None,
) -> Item:
    """`case_urns=None` leaves the case links as they are. A save from a page built from an older
    `expected_version` of the item is refused (someone else changed it meanwhile)."""
    _refuse_unless(may_edit(actor, item))
    errors = _validate_content(kind=kind, title=title, summary=summary, body=body)
    if errors:
        raise ValidationError(errors)
    cases = None if case_urns is None else _cases_for_urns(actor, case_urns)
    tags = {
        "legal_issues": list(legal_issues),
        "msa_sections": list(msa_sections),
        "exploitation_types": list(exploitation_types),
        "offences": list(offences),
        "areas": list(areas),
    }
    with transaction.atomic():
        version_claim(item, expected_version, what="this item")
        _set_content(item, kind=kind, title=title, summary=summary, body=body, tags=tags)
        item.updated_at = timezone.now()
        item.save()
        _set_tags(item, tags)
        links = {} if cases is None else _set_case_links(item, actor=actor, cases=cases)
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=ITEM,
            object_id=item.pk,
            reason="edited",
            detail={"status": item.status, "tags": _tag_counts(tags), **links},
        )
    return item


def _transition(
    item: Item, *, actor: Any, reason: str, detail: dict | None = None, fields: list[str]
) -> Item:
    version_claim(item, None)  # an edit page opened before this change is now stale
    item.updated_at = timezone.now()
    item.save(update_fields=[*fields, "status", "updated_at"])
    audit_record(
        actor=actor,
        operation=Operation.ALTERATION,
        object_type=ITEM,
        object_id=item.pk,
        reason=reason,
        detail={"status": item.status, **(detail or {})},
    )
    return item


def item_submit_for_review(*, actor: Any, item: Item) -> Item:
    _refuse_unless(
        (item.author_id == actor.pk and access.can(actor, Capability.HUB_WRITE))
        or access.can(actor, Capability.HUB_PUBLISH)
    )
    if item.status != Status.DRAFT:
        raise ValidationError("Only a draft can be sent for review")
    with transaction.atomic():
        item.status = Status.IN_REVIEW
        item.submitted_at = timezone.now()
        item.editor_note = ""
        return _transition(
            item, actor=actor, reason="sent for review", fields=["submitted_at", "editor_note"]
        )


def item_return_to_draft(*, actor: Any, item: Item, note: str) -> Item:
    _refuse_unless(access.can(actor, Capability.HUB_PUBLISH))
    if item.status != Status.IN_REVIEW:
        raise ValidationError("Only an item in review can be returned to its author")
    if not note.strip():
        raise ValidationError({"note": "Enter what the author needs to change"})
    with transaction.atomic():
        item.status = Status.DRAFT
        item.editor_note = note.strip()[:2000]
        return _transition(item, actor=actor, reason="returned to author", fields=["editor_note"])


def _validate_review_by(review_by: date | None) -> None:
    today = timezone.localdate()
    if review_by is None:
        raise ValidationError({"review_by": "Enter the date by which the item must be reviewed"})
    if review_by <= today:
        raise ValidationError({"review_by": "Review-by date must be in the future"})
    if review_by > today + timedelta(days=MAX_REVIEW_MONTHS * 31):
        raise ValidationError({"review_by": "Review-by date must be within 2 years"})


def item_publish(*, actor: Any, item: Item, review_by: date | None) -> Item:
    """An editor publishes an item in review; a lesson from feedback closes that feedback."""
    _refuse_unless(access.can(actor, Capability.HUB_PUBLISH))
    if item.status != Status.IN_REVIEW:
        raise ValidationError("Only an item in review can be published")
    _validate_review_by(review_by)
    now = timezone.now()
    with transaction.atomic():
        item.status = Status.PUBLISHED
        item.review_by = review_by
        item.published_by = actor
        item.published_at = item.published_at or now
        item.last_reviewed_at = now
        _transition(
            item,
            actor=actor,
            reason="published",
            detail={"review_by": review_by.isoformat()},
            fields=["review_by", "published_by", "published_at", "last_reviewed_at"],
        )
        if item.source_feedback_id:
            feedback = FeedbackItem.objects.select_for_update().get(pk=item.source_feedback_id)
            feedback.status = FeedbackStatus.LESSON_PUBLISHED
            feedback.save(update_fields=["status"])
            audit_record(
                actor=actor,
                operation=Operation.ALTERATION,
                object_type=FEEDBACK,
                object_id=feedback.pk,
                reason="lesson published",
                detail={"item": item.pk},
            )
    return item


def item_confirm_current(*, actor: Any, item: Item, review_by: date | None) -> Item:
    """An editor has reviewed a published item and confirms it is still right."""
    _refuse_unless(access.can(actor, Capability.HUB_PUBLISH))
    if item.status != Status.PUBLISHED:
        raise ValidationError("Only a published item can be confirmed as current")
    _validate_review_by(review_by)
    with transaction.atomic():
        item.review_by = review_by
        item.last_reviewed_at = timezone.now()
        return _transition(
            item,
            actor=actor,
            reason="confirmed current",
            detail={"review_by": review_by.isoformat()},
            fields=["review_by", "last_reviewed_at"],
        )


def item_archive(*, actor: Any, item: Item, reason: str) -> Item:
    _refuse_unless(access.can(actor, Capability.HUB_PUBLISH))
    if item.status == Status.ARCHIVED:
        raise ValidationError("This item is already archived")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the item is being archived"})
    with transaction.atomic():
        item.status = Status.ARCHIVED
        item.archived_at = timezone.now()
        return _transition(
            item, actor=actor, reason=f"archived: {reason.strip()}"[:500], fields=["archived_at"]
        )


# --- Feedback between Areas and CPS Direct ------------------------------------------------------


def feedback_raise(
    *, actor: Any, subject: str, body: str, area: Area | None = None
) -> FeedbackItem:
    """Raise feedback. An Area's lawyer raises it for CPS Direct about their own Area; someone
    without an Area (CPS Direct, national roles) names the Area the feedback is for."""
    _refuse_unless(access.can(actor, Capability.HUB_WRITE))
    errors: dict[str, str] = {}
    own_area = actor.area if actor.area_id and actor.area.kind == Area.Kind.AREA else None
    if own_area is not None:
        area, direction = own_area, FeedbackDirection.AREA_TO_CPSD
    else:
        direction = FeedbackDirection.CPSD_TO_AREA
        if area is None or area.kind != Area.Kind.AREA:
            errors["area"] = "Select the Area the feedback is for"
    if not subject.strip():
        errors["subject"] = "Enter a subject"
    elif len(subject) > 200:
        errors["subject"] = "Subject must be 200 characters or fewer"
    if not body.strip():
        errors["body"] = "Enter the feedback"
    elif len(body) > 5000:
        errors["body"] = "Feedback must be 5,000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        feedback = FeedbackItem.objects.create(
            direction=direction,
            area=area,
            subject=subject.strip(),
            body=body.strip(),
            raised_by=actor,
            raised_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type=FEEDBACK,
            object_id=feedback.pk,
            detail={"direction": direction, "area": area.code},
        )
    return feedback


def feedback_answer(*, actor: Any, feedback: FeedbackItem, answer: str) -> FeedbackItem:
    """Anyone on the receiving side who can see the feedback answers it (not its raiser)."""
    _refuse_unless(access.can(actor, Capability.HUB_WRITE) and feedback.raised_by_id != actor.pk)
    if feedback.status != FeedbackStatus.RAISED:
        raise ValidationError("This feedback has already been answered")
    if not answer.strip():
        raise ValidationError({"answer": "Enter the answer"})
    if len(answer) > 5000:
        raise ValidationError({"answer": "Answer must be 5,000 characters or fewer"})
    with transaction.atomic():
        feedback.answer = answer.strip()
        feedback.answered_by = actor
        feedback.answered_at = timezone.now()
        feedback.status = FeedbackStatus.ANSWERED
        feedback.save(update_fields=["answer", "answered_by", "answered_at", "status"])
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=FEEDBACK,
            object_id=feedback.pk,
            reason="answered",
        )
    return feedback


def feedback_lesson_draft(*, actor: Any, feedback: FeedbackItem) -> Item:
    """An editor starts a lesson-learned draft from answered feedback."""
    _refuse_unless(access.can(actor, Capability.HUB_PUBLISH))
    if feedback.status != FeedbackStatus.ANSWERED:
        raise ValidationError("A lesson can be drafted only from answered feedback")
    body = (
        "## What happened\n\n"
        f"{feedback.body}\n\n"
        "## The answer\n\n"
        f"{feedback.answer}\n\n"
        "## The lesson\n\n"
        "Write what prosecutors in every Area should do differently. Remove any detail that "
        "could identify a victim, suspect or case.\n"
    )
    with transaction.atomic():
        item = item_create(
            actor=actor,
            kind=Kind.LESSON,
            title=feedback.subject,
            summary=f"A lesson from feedback between {feedback.area.name} and CPS Direct.",
            body=body,
            areas=[feedback.area],
            source_feedback=feedback,
        )
        feedback.status = FeedbackStatus.LESSON_DRAFTED
        feedback.save(update_fields=["status"])
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=FEEDBACK,
            object_id=feedback.pk,
            reason="lesson drafted",
            detail={"item": item.pk},
        )
    return item


def feedback_record_consultation(*, actor: Any, feedback: FeedbackItem) -> None:
    """Feedback may describe a live case: reading it is recorded."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            object_type=FEEDBACK,
            object_id=feedback.pk,
        )
