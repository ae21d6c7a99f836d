"""Results against target and value for money, from a bounded number of queries.

`load_snapshot` reads every figure the pages and the quarterly report need for a set of
deployments in five queries whatever their number (aggregates grouped in the database by
deployment, kind and financial year); the functions below only combine those small mappings.
Records created after `registered_by` are left out, so a frozen report can be rebuilt.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from statistics import median

from django.db.models import F, QuerySet, Sum

from msht.insight import periods as insight_periods
from msht.insight.periods import PeriodKey
from msht.reference.dates import working_days_between

from .models import (
    MLA_CONCLUDED,
    Activity,
    ActivityKind,
    Deployment,
    DeploymentCost,
    IndicatorActual,
    IndicatorTarget,
    Jit,
    MlaRequest,
)
from .periods import fy_end, fy_label, fy_range
from .ratings import RATING_ORDER, Rating, per, rate

FY = insight_periods.FINANCIAL_YEAR


@dataclass
class Snapshot:
    as_at: date
    deployments: list[Deployment]
    costs: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    outputs: dict[tuple[int, int, str], int] = field(default_factory=dict)
    # (deployment id, indicator id, year) -> rating, for every target
    ratings: dict[tuple[int, int, int], str | None] = field(default_factory=dict)


def _created_by(queryset: QuerySet, registered_by: datetime | None, path: str = "") -> QuerySet:
    if registered_by is None:
        return queryset
    return queryset.filter(**{f"{path}created_at__lte": registered_by})


def load_snapshot(
    deployments: QuerySet[Deployment], *, as_at: date, registered_by: datetime | None = None
) -> Snapshot:
    deployments = _created_by(deployments, registered_by).select_related("country", "adviser")
    ids = [d.pk for d in deployments]
    snapshot = Snapshot(as_at=as_at, deployments=list(deployments))
    costs = _created_by(DeploymentCost.objects.filter(deployment_id__in=ids), registered_by)
    for row in costs.values("deployment_id", "financial_year", "staff", "travel", "programme"):
        key = (row["deployment_id"], row["financial_year"])
        snapshot.costs[key] = row["staff"] + row["travel"] + row["programme"]
    activities = _created_by(
        Activity.objects.filter(objective__deployment_id__in=ids), registered_by
    ).filter(delivered_on__lte=as_at)
    for row in (
        activities.annotate(fy=PeriodKey(F("delivered_on"), FY))
        .values("objective__deployment_id", "kind", "fy")
        .annotate(n=Sum("quantity"))
        .order_by()
    ):
        snapshot.outputs[(row["objective__deployment_id"], row["fy"], row["kind"])] = row["n"]
    targets = _created_by(
        IndicatorTarget.objects.filter(indicator__objective__deployment_id__in=ids), registered_by
    ).values("indicator_id", "indicator__objective__deployment_id", "financial_year", "value")
    actuals = {
        (row["indicator_id"], row["financial_year"]): row["value"]
        for row in _created_by(
            IndicatorActual.objects.filter(indicator__objective__deployment_id__in=ids),
            registered_by,
        ).values("indicator_id", "financial_year", "value")
    }
    for row in targets:
        year = row["financial_year"]
        snapshot.ratings[
            (row["indicator__objective__deployment_id"], row["indicator_id"], year)
        ] = rate(
            target=row["value"],
            actual=actuals.get((row["indicator_id"], year)),
            period_end=fy_end(year),
            as_at=as_at,
        )
    return snapshot


@dataclass
class ValueForMoney:
    label: str
    cost: Decimal | None
    trained: int
    cases: int
    targets_met: int
    targets_rated: int

    @property
    def per_official_trained(self) -> Decimal | None:
        return per(self.cost, self.trained)

    @property
    def per_case_supported(self) -> Decimal | None:
        return per(self.cost, self.cases)

    @property
    def per_target_met(self) -> Decimal | None:
        return per(self.cost, self.targets_met)


def _years_begun(deployment: Deployment, as_at: date) -> list[int]:
    if deployment.start_date > as_at:
        return []
    return fy_range(deployment.start_date, min(deployment.end_date, as_at))


def value_for_money(
    snapshot: Snapshot, *, deployments: list[Deployment], years: list[int] | None, label: str
) -> ValueForMoney:
    """Value for money over some deployments and financial years (None: every year begun).

    The cost is available only when every deployment-year in the group that had begun by the
    as-at date has its cost recorded; otherwise it, and every ratio, is not available.
    """
    cost: Decimal | None = Decimal(0)
    trained = cases = met = rated = 0
    begun_any = False
    for deployment in deployments:
        begun = _years_begun(deployment, snapshot.as_at)
        for year in begun if years is None else [y for y in years if y in begun]:
            begun_any = True
            found = snapshot.costs.get((deployment.pk, year))
            cost = None if found is None or cost is None else cost + found
            trained += snapshot.outputs.get((deployment.pk, year, ActivityKind.TRAINING), 0)
            cases += snapshot.outputs.get((deployment.pk, year, ActivityKind.CASE_SUPPORT), 0)
    ids = {d.pk for d in deployments}
    for (dep_id, _indicator, year), rating in snapshot.ratings.items():
        if dep_id in ids and (years is None or year in years):
            if rating in (Rating.MET, Rating.PARTLY_MET, Rating.NOT_MET):
                rated += 1
            if rating == Rating.MET:
                met += 1
    if not begun_any:  # nothing under way in the cell: no cost to speak of
        cost = None
    return ValueForMoney(label, cost, trained, cases, met, rated)


def years_covered(snapshot: Snapshot) -> list[int]:
    years: set[int] = set()
    for deployment in snapshot.deployments:
        years.update(_years_begun(deployment, snapshot.as_at))
    return sorted(years)


def by_country(snapshot: Snapshot, *, years: list[int] | None) -> list[ValueForMoney]:
    groups: dict[str, list[Deployment]] = defaultdict(list)
    for deployment in snapshot.deployments:
        groups[deployment.country.name].append(deployment)
    return [
        value_for_money(snapshot, deployments=group, years=years, label=name)
        for name, group in sorted(groups.items())
    ]


def by_year(snapshot: Snapshot) -> list[tuple[int, ValueForMoney]]:
    return [
        (
            year,
            value_for_money(
                snapshot, deployments=snapshot.deployments, years=[year], label=fy_label(year)
            ),
        )
        for year in years_covered(snapshot)
    ]


def rating_counts(snapshot: Snapshot, *, years: list[int] | None = None) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(RATING_ORDER, 0)
    for (_dep, _indicator, year), rating in snapshot.ratings.items():
        if rating is not None and (years is None or year in years):
            counts[rating] += 1
    return counts


# --- International casework ---------------------------------------------------------------


@dataclass
class Outstanding:
    request: MlaRequest
    working_days: int


def mla_outstanding(requests: QuerySet[MlaRequest], *, as_at: date) -> list[Outstanding]:
    """Requests not yet executed, refused or withdrawn, longest wait first."""
    rows = [
        Outstanding(request, working_days_between(request.sent_on, as_at))
        for request in requests.exclude(status__in=MLA_CONCLUDED)
        .filter(sent_on__lte=as_at)
        .select_related("country")
    ]
    return sorted(rows, key=lambda row: (-row.working_days, row.request.pk))


def mla_delay(request: MlaRequest, *, as_at: date) -> int:
    """Working days from sending to the conclusion (or to the as-at date while outstanding)."""
    end = request.concluded_on if request.concluded_on else as_at
    return working_days_between(request.sent_on, end)


@dataclass
class Turnaround:
    country: str
    concluded: int
    median_working_days: float | None
    outstanding: int


def mla_turnaround_by_country(
    requests: QuerySet[MlaRequest], *, start: date | None = None, end: date
) -> list[Turnaround]:
    """Per country: requests concluded between start and end, their median working days from
    sending to conclusion, and the requests outstanding at the end."""
    concluded: dict[str, list[int]] = defaultdict(list)
    outstanding: dict[str, int] = defaultdict(int)
    for sent_on, concluded_on, status, country in requests.filter(sent_on__lte=end).values_list(
        "sent_on", "concluded_on", "status", "country__name"
    ):
        if status in MLA_CONCLUDED and concluded_on and concluded_on <= end:
            if start is None or concluded_on >= start:
                concluded[country].append(working_days_between(sent_on, concluded_on))
        else:
            outstanding[country] += 1
    countries = sorted(set(concluded) | set(outstanding))
    return [
        Turnaround(
            name,
            len(concluded[name]),
            float(median(concluded[name])) if concluded[name] else None,
            outstanding[name],
        )
        for name in countries
    ]


NOT_FINALISED = "Not yet finalised"
CONVICTED = "Conviction"
NOT_CONVICTED = "No conviction"
OUTCOME_GROUPS = [CONVICTED, NOT_CONVICTED, NOT_FINALISED]


def jits_by_exploitation_and_outcome(jits: QuerySet[Jit]) -> dict[str, dict[str, int]]:
    """Exploitation type -> outcome group -> number of JITs with at least one linked case of
    that type and outcome (each JIT once per cell)."""
    from msht.cases.models import Case

    through = Jit.cases.through.objects.filter(jit_id__in=jits.values("pk"))
    links = list(through.values_list("jit_id", "case_id"))
    case_ids = {case_id for _jit, case_id in links}
    outcome = {
        pk: (NOT_FINALISED if finalised is None else (CONVICTED if conviction else NOT_CONVICTED))
        for pk, finalised, conviction in Case.objects.filter(pk__in=case_ids).values_list(
            "pk", "finalised_date", "outcome__is_conviction"
        )
    }
    types: dict[int, list[str]] = defaultdict(list)
    for case_id, name in Case.exploitation_types.through.objects.filter(
        case_id__in=case_ids
    ).values_list("case_id", "exploitationtype__name"):
        types[case_id].append(name)
    cells: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for jit_id, case_id in links:
        for name in types.get(case_id) or ["Not recorded"]:
            cells[name][outcome[case_id]].add(jit_id)
    return {
        name: {group: len(cells[name][group]) for group in OUTCOME_GROUPS} for name in sorted(cells)
    }
