"""The register of leads and deputies, with its resilience flags.

Flags (docs/people.md):
- vacant: no current holder, or the lead has left (their account is disabled);
- no deputy;
- deputy is the same person as the lead; deputy has left;
- the lead's planned end is within 90 days (or past) and no successor is named;
- a person (lead or deputy) holds more than N roles (setting PEOPLE_MAX_ROLES_PER_PERSON).

The register is read in a fixed number of queries however many people and posts there are.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet

from msht.accounts import access
from msht.reference import dates

from ..models import Holding, Post

SUCCESSION_WINDOW_DAYS = 90

VACANT = "vacant"
NO_DEPUTY = "no_deputy"
DEPUTY_SAME = "deputy_same"
DEPUTY_LEFT = "deputy_left"
ENDING_NO_SUCCESSOR = "ending_no_successor"
TOO_MANY_ROLES = "too_many_roles"

FLAG_LABELS = {
    VACANT: "Vacant",
    NO_DEPUTY: "No deputy",
    DEPUTY_SAME: "Deputy is the lead",
    DEPUTY_LEFT: "Deputy has left",
    ENDING_NO_SUCCESSOR: "Ending, no successor",
    TOO_MANY_ROLES: "Too many roles",
}


@dataclass(frozen=True)
class Flag:
    code: str
    text: str

    @property
    def label(self) -> str:
        return FLAG_LABELS[self.code]


@dataclass
class RegisterRow:
    post: Post
    holding: Holding | None
    flags: list[Flag] = field(default_factory=list)

    @property
    def lead(self):
        return self.holding.lead if self.holding else None

    @property
    def deputy(self):
        return self.holding.deputy if self.holding else None


def max_roles() -> int:
    return int(getattr(settings, "PEOPLE_MAX_ROLES_PER_PERSON", 3))


def posts_visible_to(user: Any) -> QuerySet[Post]:
    if not (access.can(user, "people.view") or access.can(user, "people.view_all")):
        return Post.objects.none()
    return Post.objects.filter(access.people_posts_q(user)).select_related("area")


def current_holdings() -> QuerySet[Holding]:
    return Holding.objects.filter(ended_on__isnull=True).select_related(
        "lead", "deputy", "successor"
    )


def role_counts() -> Counter:
    """{user id: roles held} over every current holding (lead and deputy), in two queries."""
    counts: Counter = Counter()
    current = Holding.objects.filter(ended_on__isnull=True)
    for row in current.filter(lead__isnull=False).values("lead_id").annotate(n=Count("pk")):
        counts[row["lead_id"]] += row["n"]
    for row in current.filter(deputy__isnull=False).values("deputy_id").annotate(n=Count("pk")):
        counts[row["deputy_id"]] += row["n"]
    return counts


def holding_flags(
    holding: Holding | None, *, today: date, counts: Counter, limit: int
) -> list[Flag]:
    if holding is None or holding.lead is None:
        flags = [Flag(VACANT, "No one holds this role")]
    elif not holding.lead.is_active:
        flags = [Flag(VACANT, f"{holding.lead.full_name} has left and no new lead is recorded")]
    else:
        flags = []
    if holding is None:
        return flags + [Flag(NO_DEPUTY, "No deputy is named")]
    lead, deputy = holding.lead, holding.deputy
    if deputy is None:
        flags.append(Flag(NO_DEPUTY, "No deputy is named"))
    elif lead is not None and deputy.pk == lead.pk:
        flags.append(Flag(DEPUTY_SAME, f"{deputy.full_name} is both lead and deputy"))
    elif not deputy.is_active:
        flags.append(Flag(DEPUTY_LEFT, f"The deputy, {deputy.full_name}, has left"))
    if (
        lead is not None
        and holding.planned_end_on is not None
        and holding.planned_end_on <= today + timedelta(days=SUCCESSION_WINDOW_DAYS)
        and holding.successor is None
    ):
        flags.append(
            Flag(
                ENDING_NO_SUCCESSOR,
                f"{lead.full_name} is due to end on {dates.long_date(holding.planned_end_on)} "
                "and no successor is named",
            )
        )
    for person in {p.pk: p for p in (lead, deputy) if p is not None}.values():
        if counts.get(person.pk, 0) > limit:
            flags.append(
                Flag(
                    TOO_MANY_ROLES,
                    f"{person.full_name} holds {counts[person.pk]} roles (more than {limit})",
                )
            )
    return flags


def register(
    user: Any, *, area_code: str = "", flagged_only: bool = False, counts: Counter | None = None
) -> list[RegisterRow]:
    """The posts the user may see, each with its current holding and flags (4 queries)."""
    posts = posts_visible_to(user)
    if area_code == "national":
        posts = posts.filter(area__isnull=True)
    elif area_code:
        posts = posts.filter(area__code=area_code)
    posts_list = list(posts)
    holdings = {
        h.post_id: h for h in current_holdings().filter(post__in=[p.pk for p in posts_list])
    }
    counts = role_counts() if counts is None else counts
    limit, today = max_roles(), dates.today()
    rows = []
    for post in posts_list:
        holding = holdings.get(post.pk)
        flags = holding_flags(holding, today=today, counts=counts, limit=limit)
        if flagged_only and not flags:
            continue
        rows.append(RegisterRow(post, holding, flags))
    return rows


def overloaded_people(rows: list[RegisterRow], counts: Counter, limit: int) -> list[dict]:
    """The people holding more than `limit` roles, with the roles of theirs the rows show."""
    people: dict[int, dict] = {}
    for row in rows:
        for person, as_ in ((row.lead, "Lead"), (row.deputy, "Deputy")):
            if person is None or counts.get(person.pk, 0) <= limit:
                continue
            entry = people.setdefault(
                person.pk, {"person": person, "count": counts[person.pk], "roles": []}
            )
            entry["roles"].append(f"{as_}: {row.post.title}")
    return sorted(people.values(), key=lambda e: e["person"].full_name)


def post_get_visible(user: Any, *, pk: Any) -> Post:
    return access.get_visible_or_404(posts_visible_to(user), pk=pk)


def post_row(post: Post) -> RegisterRow:
    holding = current_holdings().filter(post=post).first()
    flags = holding_flags(holding, today=dates.today(), counts=role_counts(), limit=max_roles())
    return RegisterRow(post, holding, flags)


def post_history(post: Post) -> QuerySet[Holding]:
    return post.holdings.select_related("lead", "deputy", "successor", "recorded_by").order_by(
        "-starts_on", "-id"
    )


def holder_choices(post: Post) -> QuerySet:
    """Active accounts offered for a post: the Area's people for an Area's lead; for a national
    role, people without an Area and the Areas' leads (a Chief Crown Prosecutor, say)."""
    from django.db.models import Q

    from msht.accounts.models import User
    from msht.accounts.roles import Capability

    people = User.objects.filter(is_active=True)
    if post.area_id is not None:
        people = people.filter(area_id=post.area_id)
    else:
        people = people.filter(
            Q(area__isnull=True) | Q(role__in=access.roles_with(Capability.PEOPLE_VIEW))
        )
    return people.select_related("area").order_by("full_name")
