"""Reads of the case register. `cases_visible_to(user)` is the only door to case data.

Every page, API endpoint, export and report that touches cases (or anything hanging off a case:
victims, reviews, defendants) starts from it, so one rule decides who sees what.
"""

import importlib.util
import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import import_string

from msht.accounts import access
from msht.accounts.roles import CaseScope
from msht.reference import models as reference_models
from msht.reference import selectors as reference
from msht.reference.models import ExploitationType

from .models import AllocationRule, Case, CaseEvent, Charge, Defendant

# The quality app decides which cases a quality reviewer is assigned to. It provides the path
# from Case to the assigned reviewers (for example "quality_reviews__reviewer") as
# `msht.quality.scope.CASE_ASSIGNED_FIELD`; until it does, reviewers see no cases.
ASSIGNED_FIELD_PROVIDER = "msht.quality.scope.CASE_ASSIGNED_FIELD"


def _assigned_field() -> str | None:
    module = ASSIGNED_FIELD_PROVIDER.rsplit(".", 1)[0]
    try:
        if importlib.util.find_spec(module) is None:
            return None
        return import_string(ASSIGNED_FIELD_PROVIDER)
    except ImportError:
        return None


def case_scope_q(user: Any, *, prefix: str = "") -> Q:
    """The visibility rule as a Q over `<prefix>` (a path to a Case, like "case__")."""
    scope = access.case_scope(user)
    if scope == CaseScope.ASSIGNED:
        field = _assigned_field()
        if not field:
            return access.NOTHING
        # Through a subquery: a multi-valued assignment path must not duplicate rows.
        ids = Case.objects.filter(access.scope_filter(user, assigned_field=field)).values("pk")
        return Q(**{f"{prefix}pk__in" if prefix else "pk__in": ids})
    return access.scope_filter(user, area_field=f"{prefix}area")


def cases_visible_to(user: Any) -> QuerySet[Case]:
    if not access.can(user, "case.view"):
        return Case.objects.none()
    return Case.objects.filter(case_scope_q(user))


def case_get_visible(user: Any, *, pk: Any) -> Case:
    """A case in the user's scope with what the case page shows, or 404."""
    queryset = cases_visible_to(user).select_related(
        "area",
        "unit",
        "recommended_unit",
        "police_force",
        "lawyer",
        "paralegal",
        "advice_lawyer",
        "outcome",
        "unsuccessful_reason",
        "principal_offence",
    )
    case = access.get_visible_or_404(queryset, pk=pk)
    _prefetch_exploitation_types(case)
    return case


def _prefetch_exploitation_types(case: Case) -> None:
    """What prefetch_related("exploitation_types") leaves on one case, for a third of the cost:
    one query, and `case.exploitation_types.all()` answered from it."""
    types = list(ExploitationType.objects.filter(cases=case.pk))
    queryset = case.exploitation_types.all()
    queryset._result_cache = types
    queryset._prefetch_done = True
    case._prefetched_objects_cache = {"exploitation_types": queryset}


def case_by_urn_visible(user: Any, *, urn: str) -> Case | None:
    return cases_visible_to(user).filter(urn=urn).first()


def case_defendants(case: Case) -> list[Defendant]:
    return list(
        case.defendants.select_related("nationality").prefetch_related(
            Prefetch("charges", queryset=Charge.objects.select_related("offence")),
            "sentences",
            "orders",
        )
    )


def case_events(case: Case, *, limit: int = 200) -> list[CaseEvent]:
    return list(case.events.select_related("recorded_by").order_by("-occurred_on", "-id")[:limit])


def case_orders(case: Case):
    return case.orders.select_related("defendant")


@dataclass
class CaseFilters:
    q: str = ""
    area: str = ""
    unit: str = ""
    status: str = ""
    exploitation_type: str = ""
    offence: str = ""
    police_force: str = ""
    referred_from: date | None = None
    referred_to: date | None = None
    sort: str = "-referral_date"


SORTS = {
    "referral_date": ("referral_date", "id"),
    "-referral_date": ("-referral_date", "-id"),
    "urn": ("urn",),
    "-urn": ("-urn",),
    "status": ("status", "-referral_date", "-id"),
    "-status": ("-status", "referral_date", "id"),
    "area": ("area__order", "-referral_date", "-id"),
    "-area": ("-area__order", "-referral_date", "-id"),
    "charge_date": ("charge_date", "id"),
    "-charge_date": ("-charge_date", "-id"),
}


def case_list(user: Any, filters: CaseFilters) -> QuerySet[Case]:
    """Cases in scope, filtered and sorted for the case list (not yet paginated)."""
    queryset = cases_visible_to(user)
    if filters.q:
        from .urn import urn_normalise

        term = filters.q.strip()
        queryset = queryset.filter(
            Q(urn__startswith=urn_normalise(term))
            | Q(operation_name__iexact=term)
            | Q(operation_name__istartswith=f"{term}")
        )
    if filters.area:
        queryset = queryset.filter(area__code=filters.area)
    if filters.unit:
        queryset = queryset.filter(unit__code=filters.unit)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.police_force:
        queryset = queryset.filter(police_force__code=filters.police_force)
    if filters.exploitation_type:
        queryset = queryset.filter(
            pk__in=Case.exploitation_types.through.objects.filter(
                exploitationtype__code=filters.exploitation_type
            ).values("case_id")
        )
    if filters.offence:
        queryset = queryset.filter(principal_offence__code=filters.offence)
    if filters.referred_from:
        queryset = queryset.filter(referral_date__gte=filters.referred_from)
    if filters.referred_to:
        queryset = queryset.filter(referral_date__lte=filters.referred_to)
    order = SORTS.get(filters.sort, SORTS["-referral_date"])
    # Only what a row of the list shows: fewer columns and related objects to build per row.
    return queryset.select_related("area", "unit").only(*LIST_COLUMNS).order_by(*order)


LIST_COLUMNS = (
    "urn",
    "operation_name",
    "status",
    "referral_date",
    "charge_date",
    "area__name",
    "unit__name",
)


# --- Reference choices for the filter panel, cached per process --------------------------------
# The list's filter panel offers about 200 reference values (Areas, units, exploitation types,
# offences, forces). They change a few times a year, by the national lead, through the ORM; so
# each process keeps them for REFERENCE_CHOICES_SECONDS, and any save or delete of a reference
# row in this process empties the cache at once (other processes catch up within the period).

REFERENCE_CHOICES_SECONDS = 60
_FILTER_REFERENCE = {
    "area": (reference.areas_enabled, "Any Area"),
    "unit": (reference.units_enabled, "Any unit"),
    "exploitation_type": (reference.exploitation_types_enabled, "Any type"),
    "offence": (reference.offences_enabled, "Any offence"),
    "police_force": (reference.police_forces_enabled, "Any force"),
}
_choices_lock = threading.Lock()
_choices_cache: dict[str, Any] = {}


def case_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """{field name: [("", "Any ..."), (code, name), ...]} for the case list's filter form."""
    cached = _choices_cache.get("value")
    if cached is not None and time.monotonic() < _choices_cache["expires"]:
        return cached
    value = {
        name: [("", blank), *source().values_list("code", "name")]
        for name, (source, blank) in _FILTER_REFERENCE.items()
    }
    with _choices_lock:
        _choices_cache.update(value=value, expires=time.monotonic() + REFERENCE_CHOICES_SECONDS)
    return value


def case_filter_choices_clear(**_kwargs: Any) -> None:
    _choices_cache.clear()


for _model in (
    reference_models.Area,
    reference_models.Unit,
    reference_models.ExploitationType,
    reference_models.Offence,
    reference_models.PoliceForce,
):
    post_save.connect(case_filter_choices_clear, sender=_model, dispatch_uid=f"cases-{_model}")
    post_delete.connect(case_filter_choices_clear, sender=_model, dispatch_uid=f"cases-{_model}-d")


def allocation_rules_all() -> QuerySet[AllocationRule]:
    return AllocationRule.objects.select_related("recommended_unit").order_by("priority", "id")


def allocation_compliance(user: Any) -> list[dict]:
    """Per Area: allocated cases, how many follow the recommendation, how many differ."""
    rows = (
        cases_visible_to(user)
        .filter(unit__isnull=False)
        .values("area__name", "area__order")
        .annotate(
            allocated=Count("pk"),
            followed=Count("pk", filter=Q(unit=F("recommended_unit"))),
        )
        .order_by("area__order")
    )
    result = []
    for row in rows:
        differs = row["allocated"] - row["followed"]
        rate = (100.0 * row["followed"] / row["allocated"]) if row["allocated"] else None
        result.append(
            {
                "area": row["area__name"],
                "allocated": row["allocated"],
                "followed": row["followed"],
                "differs": differs,
                "rate": rate,
            }
        )
    return result


def my_open_cases(user: Any, *, limit: int = 5) -> QuerySet[Case]:
    open_statuses = ["pre_charge", "referred_back", "charged", "in_court"]
    return (
        cases_visible_to(user)
        .filter(Q(lawyer=user) | Q(paralegal=user), status__in=open_statuses)
        .select_related("area")
        .order_by("-updated_at")[:limit]
    )
