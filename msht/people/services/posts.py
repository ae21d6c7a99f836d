"""The register of leads and deputies: a change of holder is a new holding that closes the last."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.models import Area

from ..models import Holding, Post, PostKind, Strand
from .errors import Conflict, refuse_unless

POST = "people.post"


def _check_person(errors: dict, field: str, person: Any, label: str) -> None:
    if person is not None and not person.is_active:
        errors[field] = (
            f"{person.full_name} has left: choose someone with an active account as {label}"
        )


def holding_record(
    *,
    actor: Any,
    post: Post,
    lead: Any,
    deputy: Any,
    successor: Any = None,
    starts_on: date | None,
    planned_end_on: date | None = None,
    note: str = "",
    expected_version: int | None,
) -> Holding:
    """Record who holds `post` from `starts_on`: the current holding ends that day.

    An empty lead records the post as vacant. A save from a form built on an older version of
    the post is refused (`Conflict`), so two people changing one post cannot overwrite each other.
    """
    refuse_unless(access.may_manage_posts(actor))
    refuse_unless(Post.objects.filter(access.people_posts_q(actor), pk=post.pk).exists())
    errors: dict[str, str] = {}
    if starts_on is None:
        errors["starts_on"] = "Enter the date the change takes effect"
    if planned_end_on is not None and starts_on is not None and planned_end_on <= starts_on:
        errors["planned_end_on"] = "Planned end date must be after the start date"
    _check_person(errors, "lead", lead, "lead")
    _check_person(errors, "deputy", deputy, "deputy")
    _check_person(errors, "successor", successor, "successor")
    if lead is not None and deputy is not None and lead.pk == deputy.pk:
        errors["deputy"] = "Choose a deputy who is not the lead"
    if lead is not None and successor is not None and lead.pk == successor.pk:
        errors["successor"] = "Choose a successor who is not the current lead"
    if lead is None and (successor is not None or planned_end_on is not None):
        errors["lead"] = "Choose the lead, or leave the successor and planned end date empty"
    if len(note) > 500:
        errors["note"] = "Note must be 500 characters or fewer"
    if errors:
        raise ValidationError(errors)
    assert starts_on is not None
    with transaction.atomic():
        current_post = Post.objects.select_for_update().get(pk=post.pk)
        if expected_version is not None and current_post.version != int(expected_version):
            raise Conflict()
        current = Holding.objects.filter(post=post, ended_on__isnull=True).first()
        if current is not None and starts_on < current.starts_on:
            raise ValidationError(
                {"starts_on": "The change must take effect on or after the current holding began"}
            )
        updated = Post.objects.filter(pk=post.pk, version=current_post.version).update(
            version=F("version") + 1
        )
        if not updated:
            raise Conflict()
        if current is not None:
            current.ended_on = starts_on
            current.save(update_fields=["ended_on"])
        holding = Holding.objects.create(
            post=post,
            lead=lead,
            deputy=deputy,
            successor=successor,
            starts_on=starts_on,
            planned_end_on=planned_end_on,
            note=note.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        post.version = current_post.version + 1
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=POST,
            object_id=post.pk,
            reason="holder recorded",
            detail={
                "holding": holding.pk,
                "closed": current.pk if current else None,
                "lead": lead.pk if lead else None,
                "deputy": deputy.pk if deputy else None,
                "successor": successor.pk if successor else None,
            },
        )
    return holding


def post_create(*, actor: Any, area: Area | None, strand: str) -> Post:
    """Add an Area's lead for one strand (an Area that splits its lead by strand)."""
    refuse_unless(access.may_manage_posts(actor))
    errors: dict[str, str] = {}
    if area is None or area.kind != Area.Kind.AREA:
        errors["area"] = "Select the Area"
    if strand not in Strand.values or strand == Strand.ALL:
        errors["strand"] = "Select the strand the lead covers"
    if (
        not errors
        and Post.objects.filter(kind=PostKind.AREA_LEAD, area=area, strand=strand).exists()
    ):
        errors["strand"] = "This Area already has a lead for that strand"
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            post = Post.objects.create(kind=PostKind.AREA_LEAD, area=area, strand=strand, order=10)
            audit_record(
                actor=actor,
                operation=Operation.COLLECTION,
                object_type=POST,
                object_id=post.pk,
                detail={"area": area.code if area else None, "strand": strand},
            )
    except IntegrityError as error:  # a concurrent request added it first
        raise ValidationError({"strand": "This Area already has a lead for that strand"}) from error
    return post


def register_record_consultation(
    *, actor: Any, post_ids: list[int], view: str, filters: dict | None = None
) -> None:
    """Reading who holds which post (names of people) is recorded, one row per page."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.CONSULTATION,
            object_type=POST,
            object_id=post_ids[0] if len(post_ids) == 1 else "",
            detail={"view": view, "filters": filters or {}, "ids": post_ids[:200]},
        )
