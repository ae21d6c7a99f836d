"""Reads about victims and witnesses, always through the case register's visibility rule.

Nothing here decrypts an identity: pages get the pseudonymous label only. Querysets defer the
encrypted column so it does not travel further than it must.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.cases.models import Case, CaseStatus
from msht.cases.selectors import case_scope_q

from .models import (
    AT_RISK_STATUSES,
    ApplicationStatus,
    EngagementEvent,
    InterpreterBooking,
    SpecialMeasureApplication,
    Victim,
)

OPEN_CASE_STATUSES = [
    CaseStatus.PRE_CHARGE,
    CaseStatus.REFERRED_BACK,
    CaseStatus.CHARGED,
    CaseStatus.IN_COURT,
]


def interpreter_warning_days() -> int:
    return int(getattr(settings, "VICTIMS_INTERPRETER_BOOKING_DAYS", 14))


def victims_visible_to(user: Any) -> QuerySet[Victim]:
    if not access.can(user, Capability.CASE_VIEW):
        return Victim.objects.none()
    return Victim.objects.filter(case_scope_q(user, prefix="case__")).defer("identity_ciphertext")


def victim_get_visible(user: Any, *, pk: Any) -> Victim:
    queryset = victims_visible_to(user).select_related("case", "case__area", "nationality")
    return access.get_visible_or_404(queryset, pk=pk)


def _latest_engagement() -> Subquery:
    return Subquery(
        EngagementEvent.objects.filter(victim=OuterRef("pk"))
        .order_by("-occurred_on", "-id")
        .values("status")[:1]
    )


def case_victims(case: Case) -> list[Victim]:
    """Everything the victims tab shows for a case, in a fixed number of queries."""
    return list(
        Victim.objects.filter(case=case)
        .defer("identity_ciphertext")
        .select_related("nationality")
        .prefetch_related(
            "exploitation_types",
            "special_measures",
            "interviews",
            Prefetch("bookings", queryset=InterpreterBooking.objects.select_related("language")),
            "engagement",
            "reviews",
            "letters",
        )
        .order_by("number")
    )


def victim_has_identity(victim_pk: int) -> bool:
    return Victim.objects.filter(pk=victim_pk).exclude(identity_ciphertext="").exists()


# --- Needs attention ----------------------------------------------------------------------------


@dataclass
class AttentionItem:
    kind: str  # "interpreter", "special_measures", "engagement"
    case_id: int
    case_urn: str
    area: str
    victim_label: str
    text: str
    due: date | None
    victim_id: int = 0

    @property
    def href(self) -> str:
        return reverse("victims:case", args=[self.case_id])


ATTENTION_KINDS = {
    "interpreter": "Interpreter or intermediary not booked",
    "special_measures": "Special measures undecided before trial",
    "engagement": "Engagement at risk",
}


def needs_attention(
    user: Any, *, area_code: str = "", today: date | None = None
) -> list[AttentionItem]:
    """What needs doing for victims in the user's visible open cases (optionally one Area).

    - an interpreter or intermediary not booked and needed within
      VICTIMS_INTERPRETER_BOOKING_DAYS (default 14) days, or already overdue;
    - a special measures application still undecided when a trial date is known (the trial
      the person is warned for, or else the case's trial date);
    - a victim whose latest engagement status is wavering, uncontactable or withdrawn.
    """
    if not access.can(user, Capability.CASE_VIEW):
        return []
    today = today or timezone.localdate()
    victims = Victim.objects.filter(
        case_scope_q(user, prefix="case__"), case__status__in=OPEN_CASE_STATUSES
    )
    if area_code:
        victims = victims.filter(case__area__code=area_code)
    items: list[AttentionItem] = []

    horizon = today + timedelta(days=interpreter_warning_days())
    bookings = (
        InterpreterBooking.objects.filter(
            victim__in=victims.values("pk"),
            booked_on__isnull=True,
            outcome="",
            needed_by__lte=horizon,
        )
        .select_related("victim__case__area", "victim__nationality", "language")
        .defer("victim__identity_ciphertext")
        .order_by("needed_by", "id")
    )
    for booking in bookings:
        days = (booking.needed_by - today).days
        when = (
            f"needed in {days} days"
            if days > 1
            else "needed tomorrow"
            if days == 1
            else "needed today"
            if days == 0
            else f"was needed {-days} days ago"
        )
        items.append(
            _item(
                "interpreter",
                booking.victim,
                f"{booking.title} for the {booking.get_purpose_display().lower()} "
                f"not booked: {when}",
                booking.needed_by,
            )
        )

    applications = (
        SpecialMeasureApplication.objects.filter(
            victim__in=victims.values("pk"), status=ApplicationStatus.APPLIED
        )
        .annotate(trial=Coalesce("victim__trial_date", "victim__case__trial_date"))
        .filter(trial__isnull=False)
        .select_related("victim__case__area", "victim__nationality")
        .defer("victim__identity_ciphertext")
        .order_by("trial", "id")
    )
    for application in applications:
        trial = application.trial
        items.append(
            _item(
                "special_measures",
                application.victim,
                f"{application.get_measure_display()}: applied for on "
                f"{application.applied_on:%-d %B %Y}, no decision; trial "
                f"{trial:%-d %B %Y}",
                trial,
            )
        )

    at_risk = (
        victims.annotate(latest_status=_latest_engagement())
        .filter(latest_status__in=AT_RISK_STATUSES)
        .select_related("case__area", "nationality")
        .defer("identity_ciphertext")
        .order_by("case__urn", "number")
    )
    for victim in at_risk:
        label = dict(EngagementEvent._meta.get_field("status").choices)[victim.latest_status]
        items.append(_item("engagement", victim, f"Latest engagement: {label.lower()}", None))
    return items


def _item(kind: str, victim: Victim, text: str, due: date | None) -> AttentionItem:
    case = victim.case
    return AttentionItem(
        kind=kind,
        case_id=case.pk,
        case_urn=case.urn_display,
        area=case.area.name,
        victim_label=victim.label,
        text=text,
        due=due,
        victim_id=victim.pk,
    )
