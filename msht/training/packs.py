"""The training table of the national performance pack (`msht.insight.packs.build_pack`)."""

from datetime import date
from typing import Any

from msht.reference import dates

from . import compliance as c
from . import selectors

MEASURE = "training_compliance"
COLUMNS = [
    "People with required courses",
    "Required courses",
    "Up to date",
    "Expiring within 60 days",
    "Overdue",
    "Compliance rate (%)",
]


def _row(label: str, f: c.Figures) -> list:
    rate = float(f.rate) if f.rate is not None else None
    return [label, f.people_count, f.required, f.up_to_date, f.expiring, f.overdue, rate]


def training_table(*, scope: Any, area_list: list, period_end: date, number: int):
    """Compliance by Area on the period's last day (today, if that is earlier), for the people
    the pack's scope may see (everyone when the pack is built for everything)."""
    from msht.insight.packs import NATIONAL_LABEL, PackTable

    as_of = min(period_end, dates.today())
    shot = selectors.snapshot(
        scope.user, as_of=as_of, everyone=bool(getattr(scope, "everything", False))
    )
    duties = shot.duties
    by_area = {key[0]: f for key, f in c.figures_by(duties, lambda d: (d.person.area_id,)).items()}
    rows = [_row(area.name, by_area.get(area.pk, c.Figures())) for area in area_list]
    rows.append(_row(NATIONAL_LABEL, c.figures(duties)))
    return PackTable(
        id=f"Table_{number}",
        title="Training compliance by Area",
        measure_id=MEASURE,
        row_heading="Area",
        columns=COLUMNS,
        rows=rows,
        kind="training",
        subtitle=f"As at {dates.long_date(as_of)}",
    )
