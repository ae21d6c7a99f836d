"""Reads for international work. Deployments and the national casework views are for the
international team and the national lead (`access.international_sees_nationally`); anyone else
reaches an MLA, extradition or JIT record only through a linked case they can see
(`cases_visible_to`), and a record out of reach is a 404 exactly like a missing one.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model, Prefetch, Q, QuerySet

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.cases.models import Case
from msht.cases.selectors import cases_visible_to

from .models import (
    Activity,
    Deployment,
    Extradition,
    Indicator,
    Jit,
    MlaRequest,
    Objective,
)
from .periods import fy_end, fy_start

LIST_AUDIT_LIMIT = 200


def deployments_visible_to(user: Any) -> QuerySet[Deployment]:
    if not access.international_sees_nationally(user):
        return Deployment.objects.none()
    return Deployment.objects.select_related("country", "adviser")


@dataclass
class DeploymentFilters:
    country: str = ""
    region: str = ""
    status: str = ""
    year: int | None = None  # a financial year the deployment overlaps

    def apply(self, queryset: QuerySet[Deployment]) -> QuerySet[Deployment]:
        if self.country:
            queryset = queryset.filter(country__code=self.country)
        if self.region:
            queryset = queryset.filter(region=self.region)
        if self.status:
            queryset = queryset.filter(status=self.status)
        if self.year is not None:
            queryset = queryset.filter(
                start_date__lte=fy_end(self.year), end_date__gte=fy_start(self.year)
            )
        return queryset


def deployment_get(user: Any, *, pk: Any) -> Deployment:
    return access.get_visible_or_404(deployments_visible_to(user), pk=pk)


def deployment_framework(deployment: Deployment) -> list[Objective]:
    """Objectives with their indicators (targets, actuals) and activities: four queries."""
    return list(
        deployment.objectives.prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related("targets", "actuals"),
            ),
            Prefetch("activities", queryset=Activity.objects.all()),
        )
    )


def objective_get(user: Any, *, pk: Any) -> Objective:
    return access.get_visible_or_404(
        Objective.objects.filter(deployment__in=deployments_visible_to(user)).select_related(
            "deployment"
        ),
        pk=pk,
    )


def indicator_get(user: Any, *, pk: Any) -> Indicator:
    return access.get_visible_or_404(
        Indicator.objects.filter(
            objective__deployment__in=deployments_visible_to(user)
        ).select_related("objective__deployment"),
        pk=pk,
    )


# --- International casework ---------------------------------------------------------------


def _scoped(queryset: QuerySet, user: Any) -> QuerySet:
    if access.international_sees_nationally(user):
        return queryset
    through = queryset.model.cases.through
    link = queryset.model._meta.model_name + "_id"
    ids = through.objects.filter(case_id__in=cases_visible_to(user).values("pk")).values(link)
    return queryset.filter(pk__in=ids)


def mla_visible_to(user: Any) -> QuerySet[MlaRequest]:
    return _scoped(MlaRequest.objects.select_related("country", "hub_item"), user)


def extraditions_visible_to(user: Any) -> QuerySet[Extradition]:
    return _scoped(Extradition.objects.select_related("country"), user)


def jits_visible_to(user: Any) -> QuerySet[Jit]:
    return _scoped(Jit.objects.select_related("hub_item"), user)


def linked_cases(user: Any, record: Model) -> list[Case]:
    """The record's cases the user may know of: all of them (URN and Area only) for those who
    see international work nationally, else only the cases they can see."""
    cases = record.cases.select_related("area").order_by("urn")  # type: ignore[attr-defined]
    if not access.international_sees_nationally(user):
        cases = cases.filter(pk__in=cases_visible_to(user).values("pk"))
    return list(cases)


def case_international_work(case: Case) -> dict[str, list]:
    """What the case's international tab shows (the case is already in the user's scope)."""
    return {
        "mla": list(case.mla_requests.select_related("country")),  # type: ignore[attr-defined]
        "extraditions": list(case.extraditions.select_related("country")),  # type: ignore[attr-defined]
        "jits": list(case.jits.prefetch_related("partner_countries")),  # type: ignore[attr-defined]
    }


def casework_filter(queryset: QuerySet, *, status: str = "", country: str = "") -> QuerySet:
    if status == "outstanding":
        concluded = getattr(queryset.model, "CONCLUDED", None)
        if concluded is not None:
            queryset = queryset.exclude(status__in=concluded)
    elif status:
        queryset = queryset.filter(status=status)
    if country:
        queryset = queryset.filter(Q(country__code=country))
    return queryset


def consultation_record(
    *, actor: Any, object_type: str, ids: list, detail: dict | None = None
) -> None:
    """One audit row per page read: what was shown (ids, bounded) and with which filters."""
    audit_record(
        actor=actor,
        operation=Operation.CONSULTATION,
        object_type=object_type,
        object_id=ids[0] if len(ids) == 1 else "",
        detail={**(detail or {}), "ids": ids[:LIST_AUDIT_LIMIT], "shown": len(ids)},
    )


def as_at_today() -> date:
    from msht.reference.dates import today

    return today()
