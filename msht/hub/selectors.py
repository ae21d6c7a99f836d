"""Reads for the casework hub. Every page asks these, and these ask msht.accounts.access.

- Everyone with HUB_READ reads published items; authors also see their own unpublished items;
  hub editors (HUB_PUBLISH) see everything, to review it.
- Feedback is seen by the people on either side of it: the Area's caseworkers (scope of their
  Area), CPS Direct and national roles (all Areas), its raiser, and hub editors.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.paginator import Page
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.reference.models import Area, ExploitationType, Offence

from .models import FeedbackItem, FeedbackStatus, Item, Kind, LegalIssue, MsaSection, Status
from .search import search_items

REVIEW_WARNING_DAYS = 30


def items_visible_to(user: Any) -> QuerySet[Item]:
    if not access.can(user, Capability.HUB_READ):
        return Item.objects.none()
    items = Item.objects.select_related("author", "published_by")
    if access.can(user, Capability.HUB_PUBLISH):
        return items
    return items.filter(Q(status=Status.PUBLISHED) | Q(author=user))


def published_items(user: Any) -> QuerySet[Item]:
    if not access.can(user, Capability.HUB_READ):
        return Item.objects.none()
    return Item.objects.filter(status=Status.PUBLISHED)


@dataclass(frozen=True)
class SearchFilters:
    """Filters by code; an empty string means no filter."""

    kind: str = ""
    legal_issue: str = ""
    exploitation_type: str = ""
    msa_section: str = ""
    offence: str = ""
    area: str = ""

    def apply(self, items: QuerySet[Item]) -> QuerySet[Item]:
        if self.kind:
            items = items.filter(kind=self.kind)
        if self.legal_issue:
            items = items.filter(legal_issues__code=self.legal_issue)
        if self.exploitation_type:
            items = items.filter(exploitation_types__code=self.exploitation_type)
        if self.msa_section:
            items = items.filter(msa_sections__code=self.msa_section)
        if self.offence:
            items = items.filter(offences__code=self.offence)
        if self.area:
            items = items.filter(areas__code=self.area)
        return items

    def id_sets(self) -> list[QuerySet]:
        """The filters as sets of item ids, one per filter, for search on SQLite: the FTS5
        index holds exactly the published items, so the matches need only be checked against
        these (an index read each), not joined back to hub_item (see msht.hub.search)."""
        sets: list[QuerySet] = []
        if self.kind:
            sets.append(Item.objects.filter(status=Status.PUBLISHED, kind=self.kind).values("pk"))
        for code, field in (
            (self.legal_issue, "legal_issues"),
            (self.exploitation_type, "exploitation_types"),
            (self.msa_section, "msa_sections"),
            (self.offence, "offences"),
            (self.area, "areas"),
        ):
            if code:
                through = getattr(Item, field).through
                target = getattr(Item, field).field.remote_field.model._meta.model_name
                sets.append(through.objects.filter(**{f"{target}__code": code}).values("item_id"))
        return sets

    @property
    def active(self) -> bool:
        return any(vars(self).values())


def items_search(
    *,
    user: Any,
    query: str = "",
    filters: SearchFilters | None = None,
    page: int | str = 1,
    per_page: int = 20,
) -> Page:
    """Published items matching the query and filters, best first (see msht.hub.search)."""
    filters = filters or SearchFilters()
    items = filters.apply(published_items(user))
    return search_items(
        items=items,
        query=query,
        page=page,
        per_page=per_page,
        filtered=filters.active,
        id_sets=filters.id_sets(),
    )


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    def pairs(queryset) -> list[tuple[str, str]]:
        return list(queryset.filter(disabled_on__isnull=True).values_list("code", "name"))

    return {
        "kind": list(Kind.choices),
        "legal_issue": pairs(LegalIssue.objects.all()),
        "exploitation_type": pairs(ExploitationType.objects.all()),
        "msa_section": pairs(MsaSection.objects.all()),
        "offence": pairs(Offence.objects.all()),
        "area": pairs(Area.objects.filter(kind=Area.Kind.AREA)),
    }


def item_tags(item: Item) -> dict[str, list]:
    return {
        "Legal issues": list(item.legal_issues.all()),
        "MSA sections": list(item.msa_sections.all()),
        "Exploitation types": list(item.exploitation_types.all()),
        "Offences": list(item.offences.all()),
        "Areas": list(item.areas.all()),
    }


_TAG_TABLES = [
    (Item.legal_issues.through, "legalissue_id", "legal_issues"),
    (Item.msa_sections.through, "msasection_id", "msa_sections"),
    (Item.exploitation_types.through, "exploitationtype_id", "exploitation_types"),
    (Item.offences.through, "offence_id", "offences"),
]


def related_items(*, user: Any, item: Item, limit: int = 5) -> list[Item]:
    """Published items sharing the most legal issues, MSA sections, exploitation types and
    offences with this one, newest first among equals."""
    if not access.can(user, Capability.HUB_READ):
        return []
    parts, params = [], []
    for through, column, name in _TAG_TABLES:
        tag_ids = list(getattr(item, name).values_list("pk", flat=True))
        if not tag_ids:
            continue
        table = through._meta.db_table
        placeholders = ", ".join(["%s"] * len(tag_ids))
        parts.append(f"SELECT item_id FROM {table} WHERE {column} IN ({placeholders})")  # noqa: S608
        params.extend(tag_ids)
    if not parts:
        return []
    union = " UNION ALL ".join(parts)
    sql = (
        f"SELECT t.item_id FROM ({union}) t JOIN hub_item i ON i.id = t.item_id "  # noqa: S608
        "WHERE i.status = %s AND i.id <> %s GROUP BY t.item_id, i.published_at "
        "ORDER BY COUNT(*) DESC, i.published_at DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Status.PUBLISHED, item.pk, limit])
        ids = [row[0] for row in cursor.fetchall()]
    by_id = published_items(user).in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def linked_cases_visible_to(*, user: Any, item: Item) -> list:
    """The item's linked cases that this reader may see; nothing at all about the others."""
    from msht.cases.selectors import cases_visible_to

    return list(cases_visible_to(user).filter(hub_links__item=item).order_by("urn"))


def items_whats_new(*, user: Any, days: int = 60, limit: int = 50) -> list[Item]:
    """Published items, newest first: published, or confirmed current, within `days`."""
    since = timezone.now() - timedelta(days=days)
    return list(
        published_items(user)
        .filter(Q(published_at__gte=since) | Q(last_reviewed_at__gte=since))
        .order_by("-published_at", "-id")[:limit]
    )


def items_by_author(user: Any) -> QuerySet[Item]:
    if not access.can(user, Capability.HUB_WRITE):
        return Item.objects.none()
    return Item.objects.filter(author=user).order_by("-updated_at", "-id")


def items_awaiting_review(user: Any) -> QuerySet[Item]:
    if not access.can(user, Capability.HUB_PUBLISH):
        return Item.objects.none()
    return (
        Item.objects.filter(status=Status.IN_REVIEW)
        .select_related("author")
        .order_by("submitted_at", "id")
    )


def items_due_for_review(user: Any, *, within_days: int = REVIEW_WARNING_DAYS) -> QuerySet[Item]:
    """Published items whose review-by date has passed or falls within `within_days`."""
    if not access.can(user, Capability.HUB_PUBLISH):
        return Item.objects.none()
    horizon = timezone.localdate() + timedelta(days=within_days)
    return (
        Item.objects.filter(status=Status.PUBLISHED, review_by__lte=horizon)
        .select_related("author")
        .order_by("review_by", "id")
    )


def feedback_visible_to(user: Any) -> QuerySet[FeedbackItem]:
    if not access.can(user, Capability.HUB_WRITE):
        return FeedbackItem.objects.none()
    feedback = FeedbackItem.objects.select_related("area", "raised_by", "answered_by")
    if access.can(user, Capability.HUB_PUBLISH):
        return feedback
    in_scope = access.scope_filter(user, area_field="area", assigned_field="raised_by")
    if not in_scope:  # an empty Q is "everything"; Q() | other would narrow it to `other`
        return feedback
    return feedback.filter(in_scope | Q(raised_by=user))


def feedback_open_count(user: Any) -> int:
    return feedback_visible_to(user).filter(status=FeedbackStatus.RAISED).count()
