"""How each measure in the catalogue is computed: one aggregate query per measure and shape.

Counts group by Area and period in the database (`GROUP BY area, period`); rates take their
numerator and denominator from the same query (conditional counts); medians are picked in the
database with window functions (`ROW_NUMBER() OVER (PARTITION BY ... ORDER BY days)`), which
SQLite and PostgreSQL both have; distributions are conditional counts over day bands. Python
only touches the aggregated rows (at most Areas x periods x categories), never case rows, so
the number of queries and the work in Python do not grow with the data.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber

from msht.cases.models import Case, Charge, ChargingDecision, Defendant, Order, OrderResult
from msht.cases.models import S45Result as S45
from msht.cases.selectors import case_scope_q
from msht.reference.models import ExploitationType
from msht.victims.models import (
    ApplicationStatus,
    EngagementEvent,
    EngagementStatus,
    InterpreterBooking,
    SpecialMeasureApplication,
    SupportOutcome,
)

from .catalogue import DISTRIBUTION_BANDS, FLAG, OFFENCE
from .periods import DaysBetween, PeriodKey

NATIONAL = None  # the area key of national (all Areas in scope) figures
NOT_RECORDED = "NOT-RECORDED"


@dataclass(frozen=True)
class Scope:
    """Which cases the figures may cover: a user's visibility, or everything (the CLI).

    `police_force_id` narrows to one force (a police partner's joint figures).
    """

    user: Any = None
    everything: bool = False
    police_force_id: int | None = None

    def q(self, prefix: str = "") -> Q:
        q = Q() if self.everything else case_scope_q(self.user, prefix=prefix)
        if self.police_force_id is not None:
            q &= Q(**{f"{prefix}police_force_id": self.police_force_id})
        return q


ALL = Scope(everything=True)


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    area: str = ""
    unit: str = ""
    exploitation_type: str = ""
    offence: str = ""
    basis: str = FLAG
    # Reproducibility: only cases registered at or before this moment (a frozen pack's as-at).
    registered_by: datetime | None = None

    def case_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.area:
            q &= Q(**{f"{prefix}area__code": self.area})
        if self.unit:
            q &= Q(**{f"{prefix}unit__code": self.unit})
        if self.offence:
            q &= Q(**{f"{prefix}principal_offence__code": self.offence})
        if self.basis == OFFENCE:
            q &= Q(**{f"{prefix}principal_offence__is_msa": True})
        if self.exploitation_type:
            through = Case.exploitation_types.through.objects.filter(
                exploitationtype__code=self.exploitation_type
            ).values("case_id")
            q &= Q(**{f"{prefix}pk__in": through})
        if self.registered_by is not None:
            q &= Q(**{f"{prefix}created_at__lte": self.registered_by})
        return q

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "area": self.area,
            "unit": self.unit,
            "exploitation_type": self.exploitation_type,
            "offence": self.offence,
            "basis": self.basis,
            "registered_by": self.registered_by.isoformat() if self.registered_by else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Filters":
        registered_by = data.get("registered_by")
        return cls(
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
            area=data.get("area", ""),
            unit=data.get("unit", ""),
            exploitation_type=data.get("exploitation_type", ""),
            offence=data.get("offence", ""),
            basis=data.get("basis", FLAG),
            registered_by=datetime.fromisoformat(registered_by) if registered_by else None,
        )


@dataclass(frozen=True)
class CountSpec:
    model: Any
    prefix: str  # the path from the model to its Case
    date: str  # the field that places a record in a period
    counts: dict  # name -> condition (None: every row)
    where: Q = field(default_factory=Q)
    breakdown: str | None = None  # a field to group by as well


@dataclass(frozen=True)
class DaysSpec:
    start: str
    end: str
    date: str  # the date that places a case in a period


_DECIDED = [
    ChargingDecision.CHARGE,
    ChargingDecision.NFA_EVIDENTIAL,
    ChargingDecision.NFA_PUBLIC_INTEREST,
    ChargingDecision.OUT_OF_COURT,
]
_S45_CONSIDERED = [
    S45.PROSECUTE,
    S45.NOT_IN_PUBLIC_INTEREST,
    S45.DEFENCE_LIKELY,
    S45.DEFENCE_RAISED,
]

COUNT_SPECS: dict[str, CountSpec] = {
    "police_referrals": CountSpec(Case, "", "referral_date", {"n": None}),
    "cases_charged": CountSpec(
        Case, "", "charge_date", {"n": None}, where=Q(charging_decision=ChargingDecision.CHARGE)
    ),
    "suspects_charged": CountSpec(
        Defendant,
        "case__",
        "case__charge_date",
        {"n": None},
        where=Q(Exists(Charge.objects.filter(defendant=OuterRef("pk"))))
        & Q(case__charging_decision=ChargingDecision.CHARGE),
    ),
    "charge_rate": CountSpec(
        Case,
        "",
        "charging_decision_date",
        {"num": Q(charging_decision=ChargingDecision.CHARGE), "den": None},
        where=Q(charging_decision__in=_DECIDED),
    ),
    "prosecutions_finalised": CountSpec(Case, "", "finalised_date", {"n": None}),
    "convictions": CountSpec(
        Case, "", "finalised_date", {"n": None}, where=Q(outcome__is_conviction=True)
    ),
    "conviction_rate": CountSpec(
        Case, "", "finalised_date", {"num": Q(outcome__is_conviction=True), "den": None}
    ),
    "charging_decisions": CountSpec(
        Case,
        "",
        "charging_decision_date",
        {"n": None},
        where=~Q(charging_decision=""),
        breakdown="charging_decision",
    ),
    "outcomes": CountSpec(Case, "", "finalised_date", {"n": None}, breakdown="outcome__code"),
    "unsuccessful_reasons": CountSpec(
        Case,
        "",
        "finalised_date",
        {"n": None},
        where=Q(outcome__is_conviction=False),
        breakdown="unsuccessful_reason__code",
    ),
    "charges_by_offence": CountSpec(
        Charge, "defendant__case__", "charged_on", {"n": None}, breakdown="offence__code"
    ),
    "orders_made": CountSpec(
        Order,
        "case__",
        "decided_on",
        {"n": None},
        where=Q(result=OrderResult.MADE),
        breakdown="kind",
    ),
    "s45_considerations": CountSpec(
        Defendant,
        "case__",
        "s45_considered_on",
        {"n": None},
        where=Q(s45_result__in=_S45_CONSIDERED),
        breakdown="s45_result",
    ),
    "special_measures_granted": CountSpec(
        SpecialMeasureApplication,
        "victim__case__",
        "decided_on",
        {"n": None},
        where=Q(status=ApplicationStatus.GRANTED),
        breakdown="measure",
    ),
    "support_delays": CountSpec(
        InterpreterBooking,
        "victim__case__",
        "needed_by",
        {"n": None},
        where=Q(outcome__in=[SupportOutcome.LATE, SupportOutcome.NOT_PROVIDED]),
        breakdown="kind",
    ),
    "victim_withdrawals": CountSpec(
        EngagementEvent,
        "victim__case__",
        "occurred_on",
        {"n": None},
        where=Q(status=EngagementStatus.WITHDRAWN),
        breakdown="reason",
    ),
}

DAYS_SPECS: dict[str, DaysSpec] = {
    "advice_turnaround": DaysSpec(
        "advice_requested_date", "advice_given_date", "advice_given_date"
    ),
    "referral_to_charge": DaysSpec("referral_date", "charge_date", "charge_date"),
    "charge_to_finalisation": DaysSpec("charge_date", "finalised_date", "finalised_date"),
}


def _base(spec_model, prefix: str, date_field: str, scope: Scope, filters: Filters):
    return spec_model.objects.filter(
        scope.q(prefix),
        filters.case_q(prefix),
        **{f"{date_field}__gte": filters.start, f"{date_field}__lte": filters.end},
    )


def count_rows(
    measure_id: str,
    scope: Scope,
    filters: Filters,
    *,
    grain: str | None,
    by_area: bool = True,
    by_category: bool = True,
) -> dict[tuple, dict[str, int]]:
    """{(area_id, period, category): {count name: n}} from one GROUP BY query.

    `grain` None: the whole range as one period (key None). Without `by_area` the key's area is
    NATIONAL. Categories are None unless the measure has a breakdown and `by_category`.
    """
    spec = COUNT_SPECS[measure_id]
    queryset = _base(spec.model, spec.prefix, spec.date, scope, filters).filter(spec.where)
    group = []
    if by_area:
        group.append(f"{spec.prefix}area_id")
    if grain:
        queryset = queryset.annotate(period=PeriodKey(spec.date, grain))
        group.append("period")
    category = spec.breakdown if (spec.breakdown and by_category) else None
    if category:
        group.append(category)
    aggregates = {
        name: Count("pk", filter=condition) if condition is not None else Count("pk")
        for name, condition in spec.counts.items()
    }
    rows = queryset.values(*group).annotate(**aggregates).order_by()
    result: dict[tuple, dict[str, int]] = {}
    for row in rows:
        key = (
            row[f"{spec.prefix}area_id"] if by_area else NATIONAL,
            row["period"] if grain else None,
            (row[category] or NOT_RECORDED) if category else None,
        )
        counts = {name: row[name] for name in spec.counts}
        if key in result:  # two NULL-ish categories folded into NOT_RECORDED
            counts = {name: counts[name] + result[key][name] for name in counts}
        result[key] = counts
    return result


def with_national(rows: dict[tuple, dict[str, int]]) -> dict[tuple, dict[str, int]]:
    """Add national (all Areas) rows by summing the Area rows: counts are additive."""
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (area, period, category), counts in rows.items():
        if area is NATIONAL:
            continue
        for name, n in counts.items():
            totals[(NATIONAL, period, category)][name] += n
    merged = dict(rows)
    merged.update({key: dict(value) for key, value in totals.items()})
    return merged


def median_rows(
    measure_id: str, scope: Scope, filters: Filters, *, grain: str | None, by_area: bool
) -> dict[tuple, dict[str, float]]:
    """{(area_id or NATIONAL, period): {"median": days, "n": cases}} picked in the database."""
    spec = DAYS_SPECS[measure_id]
    queryset = _base(Case, "", spec.date, scope, filters).filter(
        **{f"{spec.start}__isnull": False, f"{spec.end}__isnull": False}
    )
    queryset = queryset.annotate(days=DaysBetween(spec.end, spec.start))
    partition = []
    if by_area:
        partition.append(F("area_id"))
    if grain:
        queryset = queryset.annotate(period=PeriodKey(spec.date, grain))
        partition.append(F("period"))
    window = {"partition_by": partition or None}
    queryset = queryset.annotate(
        position=Window(RowNumber(), order_by=[F("days").asc(), F("pk").asc()], **window),
        cases=Window(Count("pk"), **window),
    ).filter(position__gte=(F("cases") + 1) / 2, position__lte=(F("cases") + 2) / 2)
    fields = ["days", "cases"] + (["area_id"] if by_area else []) + (["period"] if grain else [])
    middles: dict[tuple, list[int]] = defaultdict(list)
    sizes: dict[tuple, int] = {}
    for row in queryset.values(*fields).order_by():
        key = (row["area_id"] if by_area else NATIONAL, row["period"] if grain else None)
        middles[key].append(row["days"])
        sizes[key] = row["cases"]
    return {
        key: {"median": sum(values) / len(values), "n": sizes[key]}
        for key, values in middles.items()
    }


def distribution_rows(
    measure_id: str, scope: Scope, filters: Filters, *, by_area: bool = True
) -> dict[tuple, dict[str, int]]:
    """{(area_id, None, None): {band label: cases}} for the whole range, one query."""
    spec = DAYS_SPECS[measure_id]
    queryset = (
        _base(Case, "", spec.date, scope, filters)
        .filter(**{f"{spec.start}__isnull": False, f"{spec.end}__isnull": False})
        .annotate(days=DaysBetween(spec.end, spec.start))
    )
    aggregates = {}
    for index, (_label, low, high) in enumerate(DISTRIBUTION_BANDS):
        condition = Q(days__gte=low) if index else Q(days__lte=high)
        if index and high is not None:
            condition &= Q(days__lte=high)
        aggregates[f"b{index}"] = Count("pk", filter=condition)
    group = ["area_id"] if by_area else []
    if group:
        rows = queryset.values(*group).annotate(**aggregates).order_by()
    else:
        rows = [queryset.aggregate(**aggregates)]
    result = {}
    for row in rows:
        key = (row["area_id"] if by_area else NATIONAL, None, None)
        result[key] = {
            label: row[f"b{index}"] for index, (label, _l, _h) in enumerate(DISTRIBUTION_BANDS)
        }
    return result


def exploitation_types() -> list[ExploitationType]:
    return list(ExploitationType.objects.enabled().order_by("order", "name"))


# --- Legal enquiries (msht.people) ---------------------------------------------------------------
# Not case counts: the caller passes the enquiries the viewer may see (msht.people.selectors).


def legal_enquiry_counts(enquiries: Any, *, start: date, end: date) -> dict[tuple, int]:
    """{(area_id, topic_id): enquiries raised in the period}, one GROUP BY query."""
    rows = (
        enquiries.filter(raised_on__gte=start, raised_on__lte=end)
        .values("area_id", "topic_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["area_id"], row["topic_id"]): row["n"] for row in rows}


def legal_enquiry_turnaround(enquiries: Any, *, start: date, end: date) -> dict:
    """{"areas": {area_id: {"median": working days, "n": enquiries}}, "national": {...} or None}
    for enquiries answered in the period, the middle values picked in the database (as
    `median_rows`), by Area and nationally: two queries."""
    answered = enquiries.filter(
        answered_on__gte=start, answered_on__lte=end, turnaround_working_days__isnull=False
    )
    result: dict = {"areas": {}, "national": None}
    for by_area in (True, False):
        window: dict[str, Any] = {"partition_by": [F("area_id")] if by_area else None}
        queryset = answered.annotate(
            position=Window(
                RowNumber(), order_by=[F("turnaround_working_days").asc(), F("pk").asc()], **window
            ),
            total=Window(Count("pk"), **window),
        ).filter(position__gte=(F("total") + 1) / 2, position__lte=(F("total") + 2) / 2)
        middles: dict = defaultdict(list)
        sizes: dict = {}
        for row in queryset.values("area_id", "turnaround_working_days", "total").order_by():
            key = row["area_id"] if by_area else NATIONAL
            middles[key].append(row["turnaround_working_days"])
            sizes[key] = row["total"]
        found = {
            key: {"median": sum(values) / len(values), "n": sizes[key]}
            for key, values in middles.items()
        }
        if by_area:
            result["areas"] = found
        else:
            result["national"] = found.get(NATIONAL)
    return result
