"""Reads of the case register. `cases_visible_to(user)` is the only door to case data.

Every page, API endpoint, export and report that touches cases (or anything hanging off a case:
victims, reviews, defendants) starts from it, so one rule decides who sees what.
"""

import uuid
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Prefetch, Q, QuerySet

from msht.accounts import access
from msht.reference import selectors as reference
from msht.reference.models import ExploitationType

from .models import AllocationRule, Case, CaseEvent, Charge, Defendant


def case_scope_q(user: Any, *, prefix: str = "") -> Q:
    """The visibility rule as a Q over `<prefix>` (a path to a Case, like "case__"); the rule
    itself is `access.case_scope_q`."""
    return access.case_scope_q(user, prefix=prefix)


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
    queryset = queryset.prefetch_related(
        Prefetch("exploitation_types", queryset=ExploitationType.objects.all())
    )
    return access.get_visible_or_404(queryset, pk=pk)


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


# --- Reference choices for the filter panel ----------------------------------------------------
# The list's filter panel offers about 200 reference values (Areas, units, exploitation types,
# offences, forces). They change a few times a year, so they are kept in Django's cache
# framework for REFERENCE_CHOICES_SECONDS; a save or delete of a reference row deletes the entry
# (handlers connected in `CasesConfig.ready`). With a shared cache (CACHES in production) every
# app server sees the deletion at once; with the default local-memory cache other processes
# catch up within the period. See docs/decisions/0104.

REFERENCE_CHOICES_SECONDS = 60
FILTER_CHOICES_KEY = "cases:filter-choices:v2"
_FILTER_REFERENCE = {
    "area": (reference.areas_enabled, "Any Area"),
    "unit": (reference.units_enabled, "Any unit"),
    "exploitation_type": (reference.exploitation_types_enabled, "Any type"),
    "offence": (reference.offences_enabled, "Any offence"),
    "police_force": (reference.police_forces_enabled, "Any force"),
}


@dataclass(frozen=True)
class FilterChoices:
    """The filter panel's choices, and a token that changes whenever they are rebuilt (so a
    view may keep work derived from them, keyed by the token)."""

    token: str
    choices: dict[str, list[tuple[str, str]]]


def case_filter_choices() -> FilterChoices:
    """{field name: [("", "Any ..."), (code, name), ...]} for the case list's filter form."""
    cached = cache.get(FILTER_CHOICES_KEY)
    if cached is not None:
        return cached
    value = FilterChoices(
        token=uuid.uuid4().hex,
        choices={
            name: [("", blank), *source().values_list("code", "name")]
            for name, (source, blank) in _FILTER_REFERENCE.items()
        },
    )
    cache.set(FILTER_CHOICES_KEY, value, REFERENCE_CHOICES_SECONDS)
    return value


def case_filter_choices_clear(**_kwargs: Any) -> None:
    cache.delete(FILTER_CHOICES_KEY)


def case_filters_for_audit(filters: "CaseFilters") -> dict[str, str]:
    """The filters a list request used, as short strings (for its consultation audit row)."""
    return {
        name: str(value)[:100]
        for name, value in asdict(filters).items()
        if value not in (None, "") and not (name == "sort" and value == "-referral_date")
    }


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


def case_is_visible(user: Any, *, pk: int) -> bool:
    return cases_visible_to(user).filter(pk=pk).exists()


def case_defendant_get(case: Case, *, pk: Any) -> Defendant:
    """A suspect of this (already visible) case, or 404."""
    return access.get_visible_or_404(Defendant.objects.filter(case=case), pk=pk)


def case_defendants_for_choice(case: Case) -> QuerySet[Defendant]:
    return Defendant.objects.filter(case=case).order_by("reference", "pk")


def case_defendant_next_reference(case: Case) -> str:
    return f"D{case.defendants.count() + 1}"


def case_charge_get(case: Case, *, pk: Any) -> Charge:
    """A charge of this (already visible) case, with its offence and defendant, or 404."""
    charges = Charge.objects.filter(defendant__case=case).select_related("offence", "defendant")
    return access.get_visible_or_404(charges, pk=pk)


def allocation_rule_get(*, pk: Any) -> AllocationRule:
    return access.get_visible_or_404(
        AllocationRule.objects.select_related("recommended_unit"), pk=pk
    )


def _people(q: Q) -> QuerySet:
    from msht.accounts.models import User

    return User.objects.filter(q).order_by("full_name", "pk")


def allocation_lawyers(case: Case) -> QuerySet:
    """The people the allocation form offers as the case's lawyer."""
    return _people(access.allocation_lawyers_q(case.area_id))


def allocation_paralegals(case: Case) -> QuerySet:
    return _people(access.allocation_paralegals_q(case.area_id))


def advice_lawyers(case: Case) -> QuerySet:
    """The lawyers who may have given early advice on the case."""
    return _people(access.advice_lawyers_q(case.area_id))
