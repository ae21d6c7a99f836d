"""Who sees which performance figures, and at what level.

- performance.view: internal figures for the cases in the user's scope (a performance manager
  their Area, a national lead everything), through `case_scope_q` like every case read.
- performance.partner only (a police partner): joint figures for their own force, released at
  partner level.
- performance.public only (third sector, inspectorate): public-level national figures.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.reference.models import Area

from . import disclosure
from .measures import Scope
from .models import FrozenPack


@dataclass(frozen=True)
class Viewer:
    audience: str
    scope: Scope
    areas: list  # Areas the viewer may pick
    national: bool  # sees every Area (Areas side by side, national packs)


def dashboard_viewer(user: Any) -> Viewer:
    """The viewer of /performance/; 404 for anyone without performance or partner data."""
    enabled = list(Area.objects.enabled().order_by("order", "name"))
    if access.can(user, Capability.PERFORMANCE_VIEW):
        national = access.sees_all_areas(user)
        areas = enabled if national else [a for a in enabled if access.in_own_area(user, a.pk)]
        return Viewer(disclosure.INTERNAL, Scope(user=user), areas, national)
    if access.can(user, Capability.PARTNER_DATA) and getattr(user, "police_force_id", None):
        return Viewer(
            disclosure.PARTNER,
            Scope(everything=True, police_force_id=user.police_force_id),
            [],
            False,
        )
    raise Http404


def public_viewer(user: Any) -> Viewer:
    """Public-level national figures: scrutiny users, and anyone with performance access."""
    if not (
        access.can(user, Capability.PERFORMANCE_PUBLIC)
        or access.can(user, Capability.PERFORMANCE_VIEW)
    ):
        raise Http404
    return Viewer(disclosure.PUBLIC, Scope(everything=True), [], False)


def frozen_packs_visible_to(user: Any) -> QuerySet[FrozenPack]:
    if not access.can(user, Capability.PERFORMANCE_VIEW):
        return FrozenPack.objects.none()
    packs = FrozenPack.objects.select_related("area", "created_by")
    if access.sees_all_areas(user):
        return packs
    return packs.filter(access.own_area_q(user), kind="area")
