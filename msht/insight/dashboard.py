"""The dashboard's figures: trends, Areas side by side, the funnel and timeliness.

Built from the same aggregate queries as the packs (a fixed number of queries whatever the
data) and released for the viewer's audience. Each block is a `PackTable` (rendered with the
shared figure table, every number linking to its definition) and, where useful, an SVG chart.
"""

from dataclasses import dataclass, field

from msht.reference.models import Area

from . import charts, disclosure, periods
from .catalogue import BASIS_SHORT, FLAG, MEASURES_BY_ID, OFFENCE
from .measures import NATIONAL, Filters, Scope, count_rows, median_rows, with_national
from .packs import FUNNEL_STEPS, NATIONAL_LABEL, TOTAL_LABEL, PackTable, funnel

TREND_MEASURES = ["police_referrals", "cases_charged", "prosecutions_finalised", "convictions"]
AREA_MEASURES = ["police_referrals", "cases_charged", "prosecutions_finalised", "convictions"]


@dataclass
class Block:
    table: PackTable
    chart: object = None


@dataclass
class Dashboard:
    headline: list[dict] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    funnel: dict | None = None


def release_column(values: list[int], audience: str) -> tuple[list, object]:
    """One additive column and its total, with secondary suppression against the total."""
    if not values:
        return [], disclosure.release_count(0, audience)
    released = disclosure.release_grid(
        disclosure.Grid.from_interior([[v] for v in values]), audience
    )
    return [row[0] for row in released[:-1]], released[-1][0]


def build_dashboard(
    *,
    scope: Scope,
    filters: Filters,
    grain: str,
    audience: str,
    areas: list[Area],
    show_areas: bool,
    show_nrm: bool = True,
) -> Dashboard:
    dashboard = Dashboard()
    keys = periods.keys_between(filters.start, filters.end, grain)
    labels = [periods.label(key, grain) for key in keys]

    # Trends (in scope) and the headline totals, from one query per measure.
    by_area: dict[str, dict] = {}
    columns, totals = [], {}
    for measure_id in TREND_MEASURES:
        rows = with_national(count_rows(measure_id, scope, filters, grain=grain))
        by_area[measure_id] = rows
        released, total = release_column(
            [rows.get((NATIONAL, key, None), {}).get("n", 0) for key in keys], audience
        )
        columns.append(released)
        totals[measure_id] = total
    dashboard.blocks.append(_trend_block(grain, labels, columns, totals))
    rate_rows = with_national(count_rows("conviction_rate", scope, filters, grain=None))
    charge_rows = with_national(count_rows("charge_rate", scope, filters, grain=None))

    def rate(rows, area):
        counts = rows.get((area, None, None), {"num": 0, "den": 0})
        return disclosure.release_rate(counts["num"], counts["den"], audience)

    dashboard.headline = [
        {"measure": MEASURES_BY_ID[m], "value": totals[m]} for m in TREND_MEASURES
    ] + [
        {
            "measure": MEASURES_BY_ID["charge_rate"],
            "value": rate(charge_rows, NATIONAL),
            "suffix": "%",
        },
        {
            "measure": MEASURES_BY_ID["conviction_rate"],
            "value": rate(rate_rows, NATIONAL),
            "suffix": "%",
        },
    ]
    if show_areas:
        rates = [rate(rate_rows, a.pk) for a in areas] + [rate(rate_rows, NATIONAL)]
        dashboard.blocks.append(_areas_block(by_area, areas, rates, audience))
    dashboard.blocks.append(
        _timeliness_block(scope, filters, grain=grain, keys=keys, labels=labels, audience=audience)
    )
    dashboard.blocks.extend(_advice_blocks(scope, filters, audience))
    data = funnel(scope, filters, audience=audience)
    if not show_nrm:
        for row in data["rows"]:
            row["nrm"] = disclosure.NOT_AVAILABLE
    dashboard.funnel = data
    dashboard.blocks.extend(_funnel_blocks(data))
    return dashboard


def _trend_block(grain: str, labels: list[str], columns: list, totals: dict) -> Block:
    trend = PackTable(
        id="trend",
        title=f"Cases by {periods.GRAINS[grain].lower()}",
        measure_id="police_referrals",
        row_heading=periods.GRAINS[grain],
        columns=[MEASURES_BY_ID[m].title for m in TREND_MEASURES],
        rows=[[label, *[col[i] for col in columns]] for i, label in enumerate(labels)]
        + [[TOTAL_LABEL, *[totals[m] for m in TREND_MEASURES]]],
    )
    return Block(
        trend,
        charts.line_chart(
            "chart-trend",
            trend.title,
            labels,
            [
                (MEASURES_BY_ID[m].title, col)
                for m, col in zip(TREND_MEASURES, columns, strict=True)
            ],
        ),
    )


def _areas_block(by_area: dict, areas: list[Area], rates: list, audience: str) -> Block:
    """Areas side by side against the national figure (`rates`: per Area, then national)."""
    area_columns = []
    for measure_id in AREA_MEASURES:
        per_area: dict = {}
        for (area, _period, _c), counts in by_area[measure_id].items():
            if area is not NATIONAL:
                per_area[area] = per_area.get(area, 0) + counts["n"]
        released, total = release_column([per_area.get(a.pk, 0) for a in areas], audience)
        area_columns.append(released + [total])
    names = [a.name for a in areas] + [NATIONAL_LABEL]
    table = PackTable(
        id="areas",
        title="Areas side by side",
        measure_id="conviction_rate",
        row_heading="Area",
        columns=[MEASURES_BY_ID[m].title for m in AREA_MEASURES] + ["Conviction rate (%)"],
        rows=[[name, *[col[i] for col in area_columns], rates[i]] for i, name in enumerate(names)],
    )
    return Block(
        table,
        charts.bar_chart(
            "chart-areas",
            "Conviction rate by Area (per cent), with England and Wales",
            list(zip(names[:-1], rates[:-1], strict=True)),
            reference=rates[-1],
        ),
    )


TIMELINESS_MEASURES = ["advice_turnaround", "referral_to_charge", "charge_to_finalisation"]


def _timeliness_block(
    scope: Scope, filters: Filters, *, grain: str, keys: list, labels: list[str], audience: str
) -> Block:
    """Timeliness: medians by period (in scope)."""
    timeliness_cols = []
    for measure_id in TIMELINESS_MEASURES:
        medians = median_rows(measure_id, scope, filters, grain=grain, by_area=False)
        timeliness_cols.append(
            [
                disclosure.release_median(
                    medians.get((NATIONAL, key), {}).get("median"),
                    medians.get((NATIONAL, key), {}).get("n", 0),
                    audience,
                )
                for key in keys
            ]
        )
    timeliness = PackTable(
        id="timeliness",
        title=f"Timeliness: median days by {periods.GRAINS[grain].lower()}",
        measure_id="referral_to_charge",
        row_heading=periods.GRAINS[grain],
        columns=[MEASURES_BY_ID[m].title for m in TIMELINESS_MEASURES],
        rows=[[label, *[col[i] for col in timeliness_cols]] for i, label in enumerate(labels)],
        kind="median",
    )
    return Block(
        timeliness,
        charts.line_chart(
            "chart-timeliness",
            timeliness.title,
            labels,
            [
                (MEASURES_BY_ID[m].title.split(" (")[0], c)
                for m, c in zip(TIMELINESS_MEASURES, timeliness_cols, strict=True)
            ],
        ),
    )


def _funnel_blocks(data: dict) -> list[Block]:
    """The joint funnel by calendar year, both counting rules side by side, and its reasons."""
    partner_labels = [label for label, _v in (data["rows"] or [{"partner": []}])[0]["partner"]]
    funnel_columns = (
        ["NRM referrals, UK-wide (people)"]
        + [
            f"{label} ({BASIS_SHORT[basis].lower()})"
            for basis in (FLAG, OFFENCE)
            for _m, label in FUNNEL_STEPS
        ]
        + partner_labels
    )
    funnel_table = PackTable(
        id="funnel",
        title="The joint funnel by year",
        measure_id="nrm_referrals",
        row_heading="Year",
        columns=funnel_columns,
        rows=[
            [str(row["year"]), row["nrm"]]
            + [row["steps"][basis][m] for basis in (FLAG, OFFENCE) for m, _ in FUNNEL_STEPS]
            + [value for _label, value in row["partner"]]
            for row in data["rows"]
        ],
        kind="funnel",
        subtitle=data.get("nrm_note", ""),
    )
    latest = data["rows"][-1] if data["rows"] else None
    chart = None
    if latest:
        bars = [("NRM referrals, UK-wide (people)", latest["nrm"])] + [
            (label, latest["steps"][FLAG][m]) for m, label in FUNNEL_STEPS
        ]
        chart = charts.bar_chart("chart-funnel", f"The funnel in {latest['year']} (by flag)", bars)
    return [
        Block(funnel_table, chart),
        _reasons_block(
            data,
            "left_before_charge",
            id="left-before-charge",
            title="Why cases left before charge: decisions other than charge, by year",
            measure_id="charging_decisions",
            empty="No decisions",
        ),
        _reasons_block(
            data,
            "unsuccessful",
            id="unsuccessful",
            title="Why prosecutions were unsuccessful: reasons, by year",
            measure_id="unsuccessful_reasons",
            empty="No unsuccessful outcomes",
        ),
    ]


def _reasons_block(
    data: dict, key: str, *, id: str, title: str, measure_id: str, empty: str
) -> Block:
    names = sorted({name for row in data["rows"] for name in row[key]})
    return Block(
        PackTable(
            id=id,
            title=title,
            measure_id=measure_id,
            row_heading="Year",
            columns=names or [empty],
            rows=[
                [str(row["year"])] + [row[key].get(n, 0) for n in names or ["-"]]
                for row in data["rows"]
            ],
        )
    )


def _advice_blocks(scope: Scope, filters: Filters, audience: str) -> list[Block]:
    """Early investigative advice figures (msht.advice.measures)."""
    from msht.advice.measures import eia_tables

    subtitle = f"{filters.start:%-d %B %Y} to {filters.end:%-d %B %Y}"
    return [Block(table) for table in eia_tables(scope, filters, audience, subtitle)]
