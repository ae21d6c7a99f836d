"""Performance packs: the monthly Area pack and the bi-monthly national pack.

A pack is a list of tables, each from one measure, built by a bounded number of aggregate
queries (see `msht.insight.measures`) whatever the data, then released for an audience
(`msht.insight.disclosure`). The same structure renders as print-ready HTML and as a GSS-style
spreadsheet (`msht.insight.spreadsheet`), and is what a frozen pack keeps.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.utils import timezone

from msht.cases.models import ChargingDecision, OrderKind
from msht.cases.models import S45Result as S45
from msht.reference.models import Area, FinalisationOutcome, Offence, UnsuccessfulReason
from msht.victims.models import EngagementReason, SpecialMeasure, SupportKind

from . import disclosure, periods
from .catalogue import BASIS_SHORT, DISTRIBUTION_BANDS, FLAG, MEASURES_BY_ID, OFFENCE
from .measures import (
    NATIONAL,
    NOT_RECORDED,
    Filters,
    Scope,
    count_rows,
    distribution_rows,
    median_rows,
    with_national,
)

AREA_PACK = "area"
NATIONAL_PACK = "national"
NATIONAL_LABEL = "England and Wales"
TOTAL_LABEL = "Total"

TREND_COUNTS = [
    "police_referrals",
    "cases_charged",
    "suspects_charged",
    "prosecutions_finalised",
    "convictions",
]
TREND_RATES = ["charge_rate", "conviction_rate"]
TIMELINESS = ["advice_turnaround", "referral_to_charge", "charge_to_finalisation"]
BREAKDOWNS = [
    "charging_decisions",
    "outcomes",
    "unsuccessful_reasons",
    "charges_by_offence",
    "orders_made",
    "s45_considerations",
    "special_measures_granted",
    "support_delays",
    "victim_withdrawals",
]
FUNNEL_STEPS = [
    ("police_referrals", "Police referrals"),
    ("suspects_charged", "Suspects charged"),
    ("cases_charged", "Cases charged"),
    ("prosecutions_finalised", "Prosecutions finalised"),
    ("convictions", "Convictions"),
]


@dataclass
class PackTable:
    id: str
    title: str
    measure_id: str
    row_heading: str
    columns: list[str]
    rows: list[list]  # [label, value, value, ...]
    kind: str = "count"
    subtitle: str = ""

    @property
    def measure(self):
        return MEASURES_BY_ID[self.measure_id]


@dataclass
class Pack:
    kind: str
    title: str
    audience: str
    params: dict
    tables: list[PackTable] = field(default_factory=list)
    built_at: str = ""

    def figures(self) -> list[dict]:
        return [asdict(table) for table in self.tables]

    def figures_digest(self) -> str:
        payload = json.dumps(self.figures(), sort_keys=True, default=str).encode()
        return hashlib.sha256(payload).hexdigest()

    @classmethod
    def from_stored(cls, *, kind, title, audience, params, figures, built_at="") -> "Pack":
        return cls(
            kind=kind,
            title=title,
            audience=audience,
            params=params,
            tables=[PackTable(**table) for table in figures],
            built_at=built_at,
        )


def category_labels() -> dict[str, dict[str, str]]:
    """Labels for each breakdown's categories (one small query per reference table)."""
    labels = {
        "charging_decisions": dict(ChargingDecision.choices),
        "outcomes": dict(FinalisationOutcome.objects.values_list("code", "name")),
        "unsuccessful_reasons": dict(UnsuccessfulReason.objects.values_list("code", "name")),
        "charges_by_offence": {
            code: f"{name} ({statute} {section})"
            for code, name, statute, section in Offence.objects.values_list(
                "code", "name", "statute", "section"
            )
        },
        "orders_made": dict(OrderKind.choices),
        "s45_considerations": dict(S45.choices),
        "special_measures_granted": dict(SpecialMeasure.choices),
        "support_delays": dict(SupportKind.choices),
        "victim_withdrawals": {k: v for k, v in EngagementReason.choices if k},
    }
    for mapping in labels.values():
        mapping[NOT_RECORDED] = "Not recorded"
    return labels


def _released_grid(interior: list[list[int]], audience: str) -> list[list]:
    return disclosure.release_grid(disclosure.Grid.from_interior(interior), audience)


def _count_table(measure_id, rows, area_list, period_keys, grain, audience, number) -> PackTable:
    interior = [
        [rows.get((area.pk, key, None), {}).get("n", 0) for area in area_list]
        for key in period_keys
    ]
    released = _released_grid(interior or [[0] * len(area_list)], audience)
    labels = [periods.label(key, grain) for key in period_keys] + [TOTAL_LABEL]
    if not interior:
        released = released[-1:]
        labels = [TOTAL_LABEL]
    return PackTable(
        id=f"Table_{number}",
        title=f"{MEASURES_BY_ID[measure_id].title} by {periods.GRAINS[grain].lower()} and Area",
        measure_id=measure_id,
        row_heading=periods.GRAINS[grain],
        columns=[area.name for area in area_list] + [NATIONAL_LABEL],
        rows=[[label, *values] for label, values in zip(labels, released, strict=True)],
    )


def _rate_table(measure_id, rows, area_list, period_keys, grain, audience, number):
    keys = [area.pk for area in area_list] + [NATIONAL]
    table_rows = []
    for key in period_keys:
        values = []
        for area in keys:
            counts = rows.get((area, key, None), {"num": 0, "den": 0})
            values.append(disclosure.release_rate(counts["num"], counts["den"], audience))
        table_rows.append([periods.label(key, grain), *values])
    return PackTable(
        id=f"Table_{number}",
        title=f"{MEASURES_BY_ID[measure_id].title} (%) by {periods.GRAINS[grain].lower()} and Area",
        measure_id=measure_id,
        row_heading=periods.GRAINS[grain],
        columns=[area.name for area in area_list] + [NATIONAL_LABEL],
        rows=table_rows,
        kind="rate",
    )


def _median_table(measure_id, by_area, national, area_list, period_keys, grain, audience, n):
    table_rows = []
    for key in period_keys:
        values = []
        for area in area_list:
            found = by_area.get((area.pk, key))
            values.append(
                disclosure.release_median(
                    found["median"] if found else None, found["n"] if found else 0, audience
                )
            )
        found = national.get((NATIONAL, key))
        values.append(
            disclosure.release_median(
                found["median"] if found else None, found["n"] if found else 0, audience
            )
        )
        table_rows.append([periods.label(key, grain), *values])
    return PackTable(
        id=f"Table_{n}",
        title=f"{MEASURES_BY_ID[measure_id].title} by {periods.GRAINS[grain].lower()} and Area",
        measure_id=measure_id,
        row_heading=periods.GRAINS[grain],
        columns=[area.name for area in area_list] + [NATIONAL_LABEL],
        rows=table_rows,
        kind="median",
    )


def _category_table(measure_id, rows, area_list, categories, labels, audience, n, subtitle):
    interior = [
        [rows.get((area.pk, None, code), {}).get("n", 0) for area in area_list]
        for code in categories
    ]
    released = _released_grid(interior or [[0] * len(area_list)], audience)
    row_labels = [labels.get(code, code) for code in categories] + [TOTAL_LABEL]
    if not interior:
        released, row_labels = released[-1:], [TOTAL_LABEL]
    return PackTable(
        id=f"Table_{n}",
        title=f"{MEASURES_BY_ID[measure_id].title} by Area",
        measure_id=measure_id,
        row_heading="Category",
        columns=[area.name for area in area_list] + [NATIONAL_LABEL],
        rows=[[label, *values] for label, values in zip(row_labels, released, strict=True)],
        subtitle=subtitle,
    )


def funnel(scope: Scope, filters: Filters, *, audience: str) -> dict:
    """The joint funnel by calendar year: NRM referrals (Home Office), then police referrals,
    suspects and cases charged, prosecutions and convictions, counted by flag and by principal
    offence; with the reasons cases left before charge and after it."""
    from msht.interchange.selectors import nrm_referrals_by_year

    years = list(range(filters.start.year, filters.end.year + 1))
    nrm = nrm_referrals_by_year()
    steps: dict[str, dict[str, dict[int, int]]] = {FLAG: {}, OFFENCE: {}}
    for basis in (FLAG, OFFENCE):
        basis_filters = Filters(**{**_filter_kwargs(filters), "basis": basis})
        for measure_id, _label in FUNNEL_STEPS:
            rows = count_rows(measure_id, scope, basis_filters, grain=periods.YEAR, by_area=False)
            steps[basis][measure_id] = {period: c["n"] for (_a, period, _c), c in rows.items()}
    decisions = count_rows("charging_decisions", scope, filters, grain=periods.YEAR, by_area=False)
    reasons = count_rows("unsuccessful_reasons", scope, filters, grain=periods.YEAR, by_area=False)
    labels = category_labels()

    def release(value):
        return disclosure.release_count(value, audience)

    result_rows = []
    for year in years:
        row = {
            "year": year,
            "nrm": nrm.get(year, disclosure.NOT_AVAILABLE),
            "steps": {
                basis: {mid: release(steps[basis][mid].get(year, 0)) for mid, _ in FUNNEL_STEPS}
                for basis in (FLAG, OFFENCE)
            },
            "left_before_charge": {
                labels["charging_decisions"][code]: release(counts["n"])
                for (_a, period, code), counts in sorted(decisions.items(), key=str)
                if period == year and code != ChargingDecision.CHARGE
            },
            "unsuccessful": {
                labels["unsuccessful_reasons"].get(code, code): release(counts["n"])
                for (_a, period, code), counts in sorted(reasons.items(), key=str)
                if period == year
            },
        }
        result_rows.append(row)
    data = {"years": years, "rows": result_rows, "steps": FUNNEL_STEPS, "bases": BASIS_SHORT}
    return _with_partner_figures(data, scope, filters, audience)


def _with_partner_figures(data: dict, scope: Scope, filters: Filters, audience: str) -> dict:
    """Police returns and NRM grounds decisions beside the funnel (msht.advice.funnel)."""
    from msht.advice.funnel import add_partner_figures

    return add_partner_figures(data, scope, filters, audience)


def _funnel_table(funnel_data: dict, n: int) -> PackTable:
    columns = ["NRM referrals (UK-wide, Home Office)"]
    for basis in (FLAG, OFFENCE):
        columns += [f"{label}: {BASIS_SHORT[basis].lower()}" for _m, label in FUNNEL_STEPS]
    columns += [label for label, _v in (funnel_data["rows"] or [{"partner": []}])[0]["partner"]]
    rows = []
    for row in funnel_data["rows"]:
        values = [row["nrm"]]
        for basis in (FLAG, OFFENCE):
            values += [row["steps"][basis][mid] for mid, _ in FUNNEL_STEPS]
        values += [value for _label, value in row["partner"]]
        rows.append([str(row["year"]), *values])
    return PackTable(
        id=f"Table_{n}",
        title="The joint funnel: NRM referrals to convictions, by calendar year",
        measure_id="nrm_referrals",
        row_heading="Year",
        columns=columns,
        rows=rows,
        kind="funnel",
        subtitle="NRM referrals and grounds decisions are people (UK-wide, Home Office); police "
        "figures are the forces' returns; the rest are from the case register, counted by CPS "
        "flag and by principal Modern Slavery Act offence. " + funnel_data.get("nrm_note", ""),
    )


def _filter_kwargs(filters: Filters) -> dict:
    return {
        "start": filters.start,
        "end": filters.end,
        "area": filters.area,
        "unit": filters.unit,
        "exploitation_type": filters.exploitation_type,
        "offence": filters.offence,
        "basis": filters.basis,
        "registered_by": filters.registered_by,
    }


def areas_for(scope: Scope, area_code: str = "") -> list[Area]:
    """The Areas a pack shows as columns: one Area, or every Area the scope reaches."""
    areas = Area.objects.enabled().order_by("order", "name")
    if area_code:
        return list(areas.filter(code=area_code))
    if scope.everything or scope.user is None:
        return list(areas)
    from msht.accounts import access

    if access.sees_all_areas(scope.user):
        return list(areas)
    return [a for a in areas if access.in_own_area(scope.user, a.pk)]


def build_pack(
    *,
    kind: str,
    period: periods.MonthRange,
    scope: Scope,
    audience: str = disclosure.INTERNAL,
    area_code: str = "",
    history_months: int | None = None,
    basis: str = FLAG,
    registered_by: datetime | None = None,
    unit: str = "",
    exploitation_type: str = "",
    offence: str = "",
) -> Pack:
    """Build a pack. Trend tables cover `history_months` ending with the period's last month
    (12 for an Area pack, 24 for a national pack unless given); breakdowns cover the period."""
    if history_months is None:
        history_months = 12 if kind == AREA_PACK else 24
    history_months = max(history_months, period.last - period.first + 1)
    trend = periods.MonthRange(period.last - history_months + 1, period.last)
    registered_by = registered_by or timezone.now()
    common = {
        "area": area_code,
        "unit": unit,
        "exploitation_type": exploitation_type,
        "offence": offence,
        "basis": basis,
        "registered_by": registered_by,
    }
    trend_filters = Filters(start=trend.start_date, end=trend.end_date, **common)
    period_filters = Filters(start=period.start_date, end=period.end_date, **common)
    area_list = areas_for(scope, area_code)
    month_keys = list(range(trend.first, trend.last + 1))
    grain = periods.MONTH

    if kind == AREA_PACK:
        area_name = area_list[0].name if area_list else area_code
        title = f"{area_name}: monthly modern slavery performance pack, {period.describe()}"
    else:
        title = f"National modern slavery performance pack, {period.describe()}"
    pack = Pack(
        kind=kind,
        title=title,
        audience=audience,
        params={
            "kind": kind,
            "period": period.text(),
            "history_months": history_months,
            "area": area_code,
            "unit": unit,
            "exploitation_type": exploitation_type,
            "offence": offence,
            "basis": basis,
            "audience": audience,
            "registered_by": registered_by.isoformat(),
            "police_force_id": scope.police_force_id,
        },
        built_at=timezone.now().isoformat(),
    )
    number = 1
    for measure_id in TREND_COUNTS:
        rows = count_rows(measure_id, scope, trend_filters, grain=grain)
        pack.tables.append(
            _count_table(measure_id, rows, area_list, month_keys, grain, audience, number)
        )
        number += 1
    for measure_id in TREND_RATES:
        rows = with_national(count_rows(measure_id, scope, trend_filters, grain=grain))
        pack.tables.append(
            _rate_table(measure_id, rows, area_list, month_keys, grain, audience, number)
        )
        number += 1
    for measure_id in TIMELINESS:
        by_area = median_rows(measure_id, scope, trend_filters, grain=grain, by_area=True)
        national = median_rows(measure_id, scope, trend_filters, grain=grain, by_area=False)
        pack.tables.append(
            _median_table(
                measure_id, by_area, national, area_list, month_keys, grain, audience, number
            )
        )
        number += 1
    labels = category_labels()
    for measure_id in BREAKDOWNS:
        rows = count_rows(measure_id, scope, period_filters, grain=None)
        present = {category for (_a, _p, category) in rows}
        order = list(labels[measure_id])
        categories = [code for code in order if code in present] + sorted(present - set(order))
        pack.tables.append(
            _category_table(
                measure_id,
                rows,
                area_list,
                categories,
                labels[measure_id],
                audience,
                number,
                f"{period.describe()}",
            )
        )
        number += 1
    for measure_id in TIMELINESS:
        rows = distribution_rows(measure_id, scope, period_filters, by_area=True)
        interior = [
            [rows.get((area.pk, None, None), {}).get(label, 0) for area in area_list]
            for label, _l, _h in DISTRIBUTION_BANDS
        ]
        released = _released_grid(interior, audience)
        row_labels = [label for label, _l, _h in DISTRIBUTION_BANDS] + [TOTAL_LABEL]
        pack.tables.append(
            PackTable(
                id=f"Table_{number}",
                title=f"{MEASURES_BY_ID[measure_id].title.split(' (')[0]}: distribution of "
                "days by Area",
                measure_id=measure_id,
                row_heading="Days",
                columns=[area.name for area in area_list] + [NATIONAL_LABEL],
                rows=[[lab, *vals] for lab, vals in zip(row_labels, released, strict=True)],
                kind="distribution",
                subtitle=period.describe(),
            )
        )
        number += 1
    number = _append_advice_tables(pack, scope, period_filters, audience, number, period)
    if kind == NATIONAL_PACK:
        data = funnel(scope, trend_filters, audience=audience)
        pack.tables.append(_funnel_table(data, number))
        number += 1
        if audience == disclosure.INTERNAL:  # staff training records stay internal
            from msht.training.packs import training_table

            pack.tables.append(
                training_table(
                    scope=scope, area_list=area_list, period_end=period.end_date, number=number
                )
            )
    return pack


def _append_advice_tables(pack, scope, filters, audience, number, period) -> int:
    """Early investigative advice tables (msht.advice.measures), numbered on from `number`."""
    from msht.advice.measures import eia_tables

    for table in eia_tables(scope, filters, audience, period.describe()):
        table.id = f"Table_{number}"
        pack.tables.append(table)
        number += 1
    return number


def diff_packs(old: Pack, new: Pack) -> list[dict]:
    """Cells that differ between two versions of a pack: table, row, column, old, new."""
    changes = []
    new_tables = {table.id: table for table in new.tables}
    for table in old.tables:
        other = new_tables.get(table.id)
        if other is None:
            changes.append(
                {"table": table.title, "row": "", "column": "", "old": "present", "new": "missing"}
            )
            continue
        other_rows = {row[0]: row[1:] for row in other.rows}
        for row in table.rows:
            values = other_rows.get(row[0])
            for index, value in enumerate(row[1:]):
                new_value = values[index] if values and index < len(values) else None
                if new_value != value:
                    changes.append(
                        {
                            "table": table.title,
                            "row": row[0],
                            "column": table.columns[index] if index < len(table.columns) else "",
                            "old": value,
                            "new": new_value,
                        }
                    )
    return changes
