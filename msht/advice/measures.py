"""Early investigative advice measures (definitions in `msht.insight.catalogue`).

Counts and rates are aggregate queries. Working days (England and Wales bank holidays counted,
`msht.reference.dates`) are counted in Python over the (date, date) pairs of one query, since
the bank holidays are not in the database; the number of queries does not grow with the data.
"""

from statistics import median
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from msht.accounts import access
from msht.cases.models import Case, ChargingDecision
from msht.insight import disclosure
from msht.insight.measures import Filters, Scope
from msht.insight.packs import PackTable
from msht.reference.dates import working_days_between

from .models import AdviceRequest, DeclineReason, RequestDecline, RequestStatus

_DECIDED = [
    ChargingDecision.CHARGE,
    ChargingDecision.NFA_EVIDENTIAL,
    ChargingDecision.NFA_PUBLIC_INTEREST,
    ChargingDecision.OUT_OF_COURT,
]


def requests_q(scope: Scope, filters: Filters, prefix: str = "") -> Q:
    q = Q() if scope.everything else access.advice_requests_q(scope.user, prefix=prefix)
    if scope.police_force_id is not None:
        q &= Q(**{f"{prefix}police_force_id": scope.police_force_id})
    if filters.area:
        q &= Q(**{f"{prefix}area__code": filters.area})
    if filters.exploitation_type:
        q &= Q(**{f"{prefix}exploitation_types__code": filters.exploitation_type})
    return q


def _in(field: str, filters: Filters) -> Q:
    return Q(**{f"{field}__gte": filters.start, f"{field}__lte": filters.end})


def requests_by_force(scope: Scope, filters: Filters) -> list[tuple[str, str, int]]:
    """(Area, force, requests) for requests made in the period."""
    rows = (
        AdviceRequest.objects.filter(requests_q(scope, filters), _in("requested_on", filters))
        .values("area__name", "police_force__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("area__name", "police_force__name")
    )
    return [(r["area__name"], r["police_force__name"], r["n"]) for r in rows]


def triage_counts(scope: Scope, filters: Filters) -> dict[str, int]:
    return AdviceRequest.objects.filter(
        requests_q(scope, filters), _in("triaged_on", filters)
    ).aggregate(
        accepted=Count("pk", filter=~Q(status=RequestStatus.DECLINED), distinct=True),
        declined=Count("pk", filter=Q(status=RequestStatus.DECLINED), distinct=True),
    )


def decline_reasons(scope: Scope, filters: Filters) -> dict[str, int]:
    rows = (
        RequestDecline.objects.filter(
            requests_q(scope, filters, prefix="request__"), _in("request__triaged_on", filters)
        )
        .values("reason")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    found = {row["reason"]: row["n"] for row in rows}
    return {code: found.get(code, 0) for code in DeclineReason.values}


def working_days(scope: Scope, filters: Filters, end_field: str) -> list[int]:
    """Working days from the request to `end_field` (triaged_on or advice_given_on), for
    requests whose `end_field` falls in the period."""
    pairs = (
        AdviceRequest.objects.filter(requests_q(scope, filters), _in(end_field, filters))
        .values_list("pk", "requested_on", end_field)
        .distinct()
    )
    return [working_days_between(start, end) for _pk, start, end in pairs]


def had_eia() -> Q:
    """A case had early investigative advice: a request in the service is linked to it, or
    the register records advice requested before the charging decision."""
    linked = AdviceRequest.objects.filter(case=OuterRef("pk"))
    return Q(Exists(linked)) | Q(advice_requested_date__isnull=False)


def case_rates(scope: Scope, filters: Filters) -> dict[str, dict[str, int]]:
    """Charging and conviction counts split by whether the case had early advice."""
    cases = Case.objects.filter(scope.q(), filters.case_q())
    eia = had_eia()
    decided = cases.filter(_in("charging_decision_date", filters), charging_decision__in=_DECIDED)
    charge = decided.aggregate(
        eia_num=Count("pk", filter=eia & Q(charging_decision=ChargingDecision.CHARGE)),
        eia_den=Count("pk", filter=eia),
        no_num=Count("pk", filter=~eia & Q(charging_decision=ChargingDecision.CHARGE)),
        no_den=Count("pk", filter=~eia),
    )
    charged = cases.filter(
        _in("charge_date", filters), charging_decision=ChargingDecision.CHARGE
    ).aggregate(num=Count("pk", filter=eia), den=Count("pk"))
    finalised = cases.filter(_in("finalised_date", filters)).aggregate(
        eia_num=Count("pk", filter=eia & Q(outcome__is_conviction=True)),
        eia_den=Count("pk", filter=eia),
        no_num=Count("pk", filter=~eia & Q(outcome__is_conviction=True)),
        no_den=Count("pk", filter=~eia),
    )
    return {"charge": charge, "charged": charged, "finalised": finalised}


def _median(values: list[int], audience: str):
    return disclosure.release_median(median(values) if values else None, len(values), audience)


def eia_tables(scope: Scope, filters: Filters, audience: str, subtitle: str) -> list[PackTable]:
    """The early advice figures as tables, for the dashboard and the packs."""
    by_force = requests_by_force(scope, filters)
    released = disclosure.release_grid(
        disclosure.Grid.from_interior([[n] for _a, _f, n in by_force] or [[0]]), audience
    )
    force_rows = [
        [f"{force} ({area})", released[i][0]] for i, (area, force, _n) in enumerate(by_force)
    ]
    force_rows.append(["Total", released[-1][0]])
    triage = triage_counts(scope, filters)
    reasons = decline_reasons(scope, filters)
    labels = dict(DeclineReason.choices)
    reasons_released = disclosure.release_grid(
        disclosure.Grid.from_interior([[reasons[c]] for c in DeclineReason.values]), audience
    )
    rates = case_rates(scope, filters)
    triage_days = working_days(scope, filters, "triaged_on")
    advice_days = working_days(scope, filters, "advice_given_on")

    def rate(num: int, den: int):
        return disclosure.release_rate(num, den, audience)

    return [
        PackTable(
            id="eia-requests",
            title="Early investigative advice requests by police force and Area",
            measure_id="eia_requests",
            row_heading="Police force (Area)",
            columns=["Requests"],
            rows=force_rows,
            subtitle=subtitle,
        ),
        PackTable(
            id="eia-triage",
            title="Early advice: triage, turnaround and effect on outcomes",
            measure_id="eia_acceptance_rate",
            row_heading="Measure",
            columns=["Value"],
            rows=[
                [
                    "Acceptance rate (%)",
                    rate(triage["accepted"], triage["accepted"] + triage["declined"]),
                ],
                ["Median working days, request to triage", _median(triage_days, audience)],
                ["Median working days, request to advice", _median(advice_days, audience)],
                [
                    "Share of charged cases that had early advice (%)",
                    rate(rates["charged"]["num"], rates["charged"]["den"]),
                ],
                [
                    "Charge rate with early advice (%)",
                    rate(rates["charge"]["eia_num"], rates["charge"]["eia_den"]),
                ],
                [
                    "Charge rate without early advice (%)",
                    rate(rates["charge"]["no_num"], rates["charge"]["no_den"]),
                ],
                [
                    "Conviction rate with early advice (%)",
                    rate(rates["finalised"]["eia_num"], rates["finalised"]["eia_den"]),
                ],
                [
                    "Conviction rate without early advice (%)",
                    rate(rates["finalised"]["no_num"], rates["finalised"]["no_den"]),
                ],
            ],
            kind="rate",
            subtitle=subtitle,
        ),
        PackTable(
            id="eia-declines",
            title="Early advice requests declined, by reason",
            measure_id="eia_decline_reasons",
            row_heading="Reason",
            columns=["Requests"],
            rows=[
                [labels[code], reasons_released[i][0]]
                for i, code in enumerate(DeclineReason.values)
            ]
            + [["Total", reasons_released[-1][0]]],
            subtitle=subtitle + " (a request may be declined for several reasons)",
        ),
    ]


def eia_summary(scope: Scope, filters: Filters, audience: str) -> dict[str, Any]:
    """The headline early advice figures (the partner API's joint figures)."""
    triage = triage_counts(scope, filters)
    requested = sum(n for _a, _f, n in requests_by_force(scope, filters))
    return {
        "requests": disclosure.release_count(requested, audience),
        "accepted": disclosure.release_count(triage["accepted"], audience),
        "declined": disclosure.release_count(triage["declined"], audience),
        "median_working_days_to_advice": _median(
            working_days(scope, filters, "advice_given_on"), audience
        ),
    }
