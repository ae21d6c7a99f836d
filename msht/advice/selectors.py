"""Reads for early investigative advice: every query is scoped by `msht.accounts.access`."""

from typing import Any

from django.db.models import QuerySet

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import Capability

from .models import AdviceRequest, JointPack, PartnerApiKey, PoliceReturn, RequestStatus


def advice_requests_visible_to(user: Any) -> QuerySet[AdviceRequest]:
    return AdviceRequest.objects.filter(access.advice_requests_q(user)).select_related(
        "police_force", "area", "unit", "recommended_unit", "lawyer", "case"
    )


def advice_request_get_visible(user: Any, *, pk: Any) -> AdviceRequest:
    return access.get_visible_or_404(advice_requests_visible_to(user), pk=pk)


def advice_requests_for_list(user: Any, *, status: str = "") -> QuerySet[AdviceRequest]:
    requests = advice_requests_visible_to(user)
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("-requested_on", "-id")


def awaiting_triage_for(user: Any, *, limit: int = 5) -> list[AdviceRequest]:
    if not access.can(user, Capability.CASE_ALLOCATE):
        return []
    # Whoever holds case.allocate may triage every request their scope reaches.
    requests = advice_requests_visible_to(user).filter(status=RequestStatus.SUBMITTED)
    return list(requests.order_by("requested_on")[:limit])


def allocated_to(user: Any, *, limit: int = 5) -> QuerySet[AdviceRequest]:
    return (
        advice_requests_visible_to(user)
        .filter(lawyer_id=user.pk, status=RequestStatus.ACCEPTED)
        .order_by("requested_by_date")[:limit]
    )


def lawyers_for(area_id: int | None) -> QuerySet[User]:
    return User.objects.filter(access.eia_allocatable_lawyers_q(area_id)).order_by("full_name")


def joint_packs_visible_to(user: Any) -> QuerySet[JointPack]:
    return JointPack.objects.filter(access.joint_packs_q(user)).select_related(
        "police_force", "area", "frozen", "created_by"
    )


def api_keys_for(user: Any) -> QuerySet[PartnerApiKey]:
    if not access.can(user, Capability.API_KEYS_MANAGE):
        return PartnerApiKey.objects.none()
    return PartnerApiKey.objects.select_related("police_force", "created_by")


def police_returns_for_force(force_id: int) -> QuerySet[PoliceReturn]:
    return PoliceReturn.objects.filter(police_force_id=force_id).order_by("-month")
