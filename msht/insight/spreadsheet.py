"""A pack as a spreadsheet that follows the Government Statistical Service's guidance for
releasing statistics in spreadsheets, written with `gptables`: a cover sheet, a contents sheet,
a notes sheet, then one table per sheet with a single header row; "[c]" marks a figure
suppressed to protect confidentiality and "[x]" a figure not available.
"""

import io
import re
import warnings

import pandas as pd

from . import disclosure
from .catalogue import MEASURES_BY_ID
from .packs import Pack

NOTES = [
    (
        "note1",
        "[c] marks a figure suppressed to protect confidentiality: counts of 1 to 4, and "
        "other cells that would let a suppressed one be worked out from the totals.",
    ),
    ("note2", "[x] marks a figure not available: no cases to compute it from, or no data."),
    (
        "note3",
        "Counts released to partners and the public are rounded to the nearest 5, so "
        "totals may not equal the sum of their parts.",
    ),
    ("note4", "Medians are shown only where at least 10 cases contribute (partner and public)."),
    (
        "note5",
        "Every measure's definition is in the definitions sheet of the service: "
        "/performance/definitions.",
    ),
]


def _safe_text(value):
    """Text cells never start a formula in a spreadsheet program."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _column_name(text: str, used: set) -> str:
    name = text
    number = 2
    while name in used:
        name = f"{text} ({number})"
        number += 1
    used.add(name)
    return name


def workbook_bytes(
    pack: Pack,
    *,
    intro: list | None = None,
    about: list | None = None,
    scope: str = "Modern slavery and human trafficking cases, England and Wales",
) -> bytes:
    """`intro`, `about` and `scope` replace the cover's and tables' wording for packs that are
    not built from the case register (the quarterly international report)."""
    import gptables as gpt

    sheets = {}
    for table in pack.tables:
        measure = MEASURES_BY_ID[table.measure_id]
        used: set = set()
        heading = _column_name(table.row_heading, used)
        columns = [heading] + [_column_name(column, used) for column in table.columns]
        data = [[_safe_text(cell) for cell in row] for row in table.rows]
        frame = pd.DataFrame(data, columns=columns)
        subtitles = [
            f"Measure: {measure.title}. {measure.definition}",
            f"Counting rule: {measure.numerator}"
            + (f" Denominator: {measure.denominator}" if measure.denominator else ""),
            f"Period placed by: {measure.period_date}",
        ]
        if table.subtitle:
            subtitles.insert(0, table.subtitle)
        if disclosure.protected(pack.audience):
            subtitles.append("Small numbers suppressed [c] and counts rounded to 5 $$note1$$")
        sheets[table.id] = gpt.GPTable(
            table=frame,
            table_name=re.sub(r"\W", "_", table.id.lower()),
            title=table.title,
            subtitles=subtitles,
            scope=scope,
            source=f"Source: {measure.source}",
            units=dict.fromkeys(columns[1:], measure.unit) if table.kind == "count" else None,
            index_columns={2: 0},
        )
    cover = gpt.Cover(
        title=pack.title,
        intro=intro
        or [
            "Performance figures from the modern slavery and human trafficking case register.",
            f"Audience: {disclosure.AUDIENCES[pack.audience]}.",
        ],
        about=about
        or [
            [{"bold": True}, "Period"],
            f"Reporting period: {pack.params.get('period')}; trends cover "
            f"{pack.params.get('history_months')} months.",
            [{"bold": True}, "As at"],
            f"Cases registered by {pack.params.get('registered_by')}; built {pack.built_at}.",
            [{"bold": True}, "Counting"],
            f"Counting basis: {pack.params.get('basis')} (flag: every case registered as "
            "modern slavery; offence: principal charge under the Modern Slavery Act 2015).",
            [{"bold": True}, "Symbols"],
            "[c] confidential (suppressed), [x] not available.",
        ],
        contact=["Modern slavery performance team"],
    )
    notes = pd.DataFrame({"Note number": [n for n, _ in NOTES], "Note text": [t for _, t in NOTES]})
    output = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = gpt.produce_workbook(
            filename=output,
            sheets=sheets,
            cover=cover,
            notes_table=notes,
            contentsheet_options={"additional_elements": ["subtitles"]},
            workbook_options={"in_memory": True},
        )
        workbook.close()
    return output.getvalue()
