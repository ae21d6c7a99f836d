"""The quarterly international report: deployments' results against target, value for money
and international casework, as a performance `Pack` so the same machinery renders it as HTML
and a GSS-style spreadsheet and freezes it with its provenance (`msht.insight.services`).

Figures are reproducible: only records created by `registered_by` count, and ratings and
waits are judged as at the earlier of the quarter's end and that moment. Money is shown in
whole pounds; a figure that is not available is "[x]", never 0.
"""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from msht.insight import disclosure
from msht.insight.catalogue import MEASURES_BY_ID
from msht.insight.models import FrozenPack
from msht.insight.packs import TOTAL_LABEL, Pack, PackTable

from . import figures
from .models import Deployment, Jit, MlaRequest
from .periods import Quarter, fy_label
from .ratings import RATING_ORDER, Rating, whole_pounds

KIND = "international"
NA = disclosure.NOT_AVAILABLE
RATIOS = [
    ("intl_cost_per_official_trained", "per_official_trained"),
    ("intl_cost_per_case_supported", "per_case_supported"),
    ("intl_cost_per_target_met", "per_target_met"),
]


def _money(value) -> int | str:
    found = whole_pounds(value)
    return NA if found is None else found


def as_at_date(quarter: Quarter, registered_by: datetime) -> date:
    return min(quarter.end, timezone.localtime(registered_by).date())


def _vfm_rows(snapshot: figures.Snapshot, years: list[int], attribute: str) -> list[list]:
    rows = []
    groups: list[tuple[str, list[Deployment]]] = [
        (f"{d.country.name}: {d.post}", [d]) for d in snapshot.deployments
    ]
    countries: dict[str, list[Deployment]] = {}
    for deployment in snapshot.deployments:
        countries.setdefault(deployment.country.name, []).append(deployment)
    groups += [(f"All in {name}", group) for name, group in sorted(countries.items())]
    groups.append(("All deployments", snapshot.deployments))
    for label, group in groups:
        values = []
        for year in years:
            vfm = figures.value_for_money(snapshot, deployments=group, years=[year], label=label)
            values.append(_money(getattr(vfm, attribute)))
        rows.append([label, *values])
    return rows


def _deployment_tables(snapshot: figures.Snapshot, quarter: Quarter, start: int) -> list:
    years = [y for y in figures.years_covered(snapshot) if y <= quarter.year]
    columns = [f"{fy_label(y)} (£)" for y in years]
    tables = [
        PackTable(
            id=f"Table_{start}",
            title="Cost of deployments by financial year",
            measure_id="intl_deployment_cost",
            row_heading="Deployment",
            columns=columns,
            rows=_vfm_rows(snapshot, years, "cost"),
            kind="money",
            subtitle="Staff, travel and programme costs in whole pounds; [x]: not recorded.",
        )
    ]
    for number, (measure_id, attribute) in enumerate(RATIOS, start=start + 1):
        tables.append(
            PackTable(
                id=f"Table_{number}",
                title=f"{MEASURES_BY_ID[measure_id].title} by deployment, country and "
                "financial year",
                measure_id=measure_id,
                row_heading="Deployment",
                columns=columns,
                rows=_vfm_rows(snapshot, years, attribute),
                kind="money",
                subtitle="Whole pounds; [x]: not available (no cost recorded, or nothing to "
                "divide by).",
            )
        )
    counts = {year: figures.rating_counts(snapshot, years=[year]) for year in years}
    tables.append(
        PackTable(
            id=f"Table_{start + 4}",
            title="Results against target by financial year",
            measure_id="intl_results",
            row_heading="Rating",
            columns=[fy_label(y) for y in years],
            rows=[[Rating(r).label, *[counts[y][r] for y in years]] for r in RATING_ORDER]
            + [[TOTAL_LABEL, *[sum(counts[y].values()) for y in years]]],
            subtitle=f"Judged as at {snapshot.as_at.day} {snapshot.as_at:%B %Y}.",
        )
    )
    return tables


def _casework_tables(mla, jits, quarter: Quarter, as_at: date, start: int) -> list:
    turnaround = figures.mla_turnaround_by_country(mla, start=quarter.start, end=as_at)
    outstanding = figures.mla_outstanding(mla, as_at=as_at)
    waits: dict[str, list[int]] = {}
    for row in outstanding:
        waits.setdefault(row.request.country.name, []).append(row.working_days)
    jit_cells = figures.jits_by_exploitation_and_outcome(jits.filter(started_on__lte=as_at))
    return [
        PackTable(
            id=f"Table_{start}",
            title="Mutual legal assistance turnaround by country",
            measure_id="intl_mla_turnaround",
            row_heading="Country",
            columns=["Concluded in the quarter", "Median working days"],
            rows=[
                [
                    t.country,
                    t.concluded,
                    NA if t.median_working_days is None else t.median_working_days,
                ]
                for t in turnaround
                if t.concluded
            ]
            or [[TOTAL_LABEL, 0, NA]],
            kind="median",
            subtitle=quarter.describe(),
        ),
        PackTable(
            id=f"Table_{start + 1}",
            title="Outstanding mutual legal assistance requests by country",
            measure_id="intl_mla_outstanding",
            row_heading="Country",
            columns=["Outstanding requests", "Longest wait (working days)"],
            rows=[[name, len(days), max(days)] for name, days in sorted(waits.items())]
            + [
                [
                    TOTAL_LABEL,
                    len(outstanding),
                    max((r.working_days for r in outstanding), default=0),
                ]
            ],
            subtitle=f"At {as_at.day} {as_at:%B %Y}.",
        ),
        PackTable(
            id=f"Table_{start + 2}",
            title="Joint investigation teams by exploitation type and outcome of linked cases",
            measure_id="intl_jits",
            row_heading="Exploitation type",
            columns=figures.OUTCOME_GROUPS,
            rows=[
                [name, *[cells[g] for g in figures.OUTCOME_GROUPS]]
                for name, cells in jit_cells.items()
            ]
            or [[TOTAL_LABEL, 0, 0, 0]],
            subtitle=f"Teams started by {as_at.day} {as_at:%B %Y}.",
        ),
    ]


def build_report(*, quarter: Quarter, registered_by: datetime | None = None) -> Pack:
    registered_by = registered_by or timezone.now()
    as_at = as_at_date(quarter, registered_by)
    snapshot = figures.load_snapshot(
        Deployment.objects.all(), as_at=as_at, registered_by=registered_by
    )
    mla = MlaRequest.objects.filter(created_at__lte=registered_by)
    jits = Jit.objects.filter(created_at__lte=registered_by)
    pack = Pack(
        kind=KIND,
        title=f"Quarterly international report, {quarter.describe()}",
        audience=disclosure.INTERNAL,
        params={
            "kind": KIND,
            "period": quarter.text(),
            "as_at": as_at.isoformat(),
            "registered_by": registered_by.isoformat(),
            "audience": disclosure.INTERNAL,
        },
        built_at=timezone.now().isoformat(),
    )
    pack.tables = _deployment_tables(snapshot, quarter, 1)
    pack.tables += _casework_tables(mla, jits, quarter, as_at, len(pack.tables) + 1)
    return pack


def report_rebuild(*, frozen: FrozenPack) -> Pack:
    return build_report(
        quarter=Quarter.parse(frozen.params["period"]),
        registered_by=datetime.fromisoformat(frozen.params["registered_by"]),
    )


def frozen_reports() -> Any:
    return FrozenPack.objects.filter(kind=KIND).select_related("created_by")


def workbook(pack: Pack) -> bytes:
    from msht.insight.spreadsheet import workbook_bytes

    return workbook_bytes(
        pack,
        intro=[
            "Criminal justice adviser deployments: results against target and value for "
            "money; mutual legal assistance and joint investigation teams.",
            "For the international lead and the Cabinet Office / Prime Minister's taskforce.",
        ],
        about=[
            [{"bold": True}, "Period"],
            f"Quarter: {pack.params.get('period')}; results and waits judged as at "
            f"{pack.params.get('as_at')}.",
            [{"bold": True}, "As at"],
            f"Records entered by {pack.params.get('registered_by')}; built {pack.built_at}.",
            [{"bold": True}, "Money"],
            "Pounds, whole pounds in the tables; financial years run April to March.",
            [{"bold": True}, "Symbols"],
            "[x] not available: no cost recorded, or nothing to divide by. Never shown as 0.",
        ],
        scope="Criminal justice adviser deployments and international casework",
    )
