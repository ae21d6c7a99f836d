"""Home Office NRM statistics (tidy CSVs of the published data tables), as partner data.

Each table carries 'Total' rows and columns beside its breakdowns. A cell with 'Total' in any
dimension goes to `NrmPublishedTotal`; every other cell to `NrmStatistic`. So sums of
`NrmStatistic` never double count, and the published totals stay to check the parts against.
"""

import re
from typing import Any

from ..kinds import (
    Column,
    ImportKind,
    Record,
    RowProblem,
    RowProblems,
    WriteResult,
    collect,
    register,
    text,
    upsert_by_key,
    whole_number,
)
from ..models import NrmPublishedTotal, NrmStatistic, NrmTable
from ..readers import FileRefused

FIGURE_FIELDS = [
    "table",
    "year",
    "quarter",
    "age_group",
    "location",
    "decision",
    "responder_type",
    "responder",
    "exploitation_type",
    "gender",
    "nationality",
    "value",
    "source_file",
]
DIMENSIONS = [
    "age_group",
    "location",
    "decision",
    "responder_type",
    "responder",
    "exploitation_type",
    "gender",
    "nationality",
]
_PERIOD = re.compile(r"(\d{4})\s*[-_ ]?\s*q([1-4])", re.IGNORECASE)


def is_total(value: str) -> bool:
    """'Total', 'NGO and third sector total', 'Local Authority total'..."""
    lowered = value.strip().lower()
    return lowered == "total" or lowered.endswith(" total")


def parse_period(value: str) -> tuple[int, int] | None:
    match = _PERIOD.search(value or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def figure(
    *, table: str, year: int, quarter: int | None, value: int, source: str, **dims: str
) -> Record:
    total = any(is_total(v) for v in dims.values()) or quarter is None
    clean = {
        name: ("" if is_total(dims.get(name, "")) else dims.get(name, "")) for name in DIMENSIONS
    }
    key = "|".join(
        [table, str(year), f"Q{quarter}" if quarter else "year"]
        + [f"{name}={clean[name]}" for name in DIMENSIONS if clean[name]]
    )
    values = {
        "table": table,
        "year": year,
        "quarter": quarter,
        "value": value,
        "source_file": source[:120],
        **clean,
    }
    return Record(row=0, key=key[:400], values={**values, "_total": total})


def year_and_quarter(raw: dict[str, str], *, allow_total: bool) -> tuple[int, int | None]:
    def check_quarter() -> int | None:
        value = (raw.get("Quarter") or "").strip()
        if allow_total and value.lower() == "total":
            return None
        if not re.fullmatch(r"Q[1-4]", value, re.IGNORECASE):
            raise RowProblem(
                "Quarter must be Q1, Q2, Q3 or Q4" + (" (or Total)." if allow_total else "."),
                "Quarter",
                value,
            )
        return int(value[1])

    year, quarter = collect(
        [
            lambda: whole_number(raw, "Year", minimum=2000, maximum=2100),
            check_quarter,
        ]
    )
    return year, quarter


class NrmKind(ImportKind):
    table: str = ""

    def write(self, records: list[Record], context: dict) -> WriteResult:
        parts = [r for r in records if not r.values["_total"]]
        totals = [r for r in records if r.values["_total"]]
        for record in records:
            record.values.pop("_total", None)
        result = WriteResult()
        for model, chunk in ((NrmStatistic, parts), (NrmPublishedTotal, totals)):
            if chunk:
                written = upsert_by_key(model, chunk, fields=FIGURE_FIELDS)
                result.created += written.created
                result.updated += written.updated
                result.unchanged += written.unchanged
        return result


@register
class NrmReferrals(NrmKind):
    name = "nrm-referrals"
    label = "NRM referrals by quarter, age and location of exploitation (Home Office table 2)"
    table = NrmTable.REFERRALS
    columns = [
        Column("Year", "Calendar year", "2023"),
        Column("Quarter", "Q1 to Q4", "Q4"),
        Column(
            "Age at exploitation",
            "Adult (18 or over), Child (17 or under), ...",
            "Adult (18 or over)",
        ),
        Column("Location of exploitation", "UK, Overseas, UK and Overseas, ... or Total", "UK"),
        Column("NRM referrals", "Number of people referred", "821"),
    ]

    def check_row(self, raw, context, row):
        (year, quarter), age, location, value = collect(
            [
                lambda: year_and_quarter(raw, allow_total=False),
                lambda: text(raw, "Age at exploitation", max_length=60),
                lambda: text(raw, "Location of exploitation", max_length=60),
                lambda: whole_number(raw, "NRM referrals"),
            ]
        )
        return [
            figure(
                table=self.table,
                year=year,
                quarter=quarter,
                value=value,
                source=context["source"],
                age_group=age,
                location=location,
            )
        ]


class NrmDecisions(NrmKind):
    stage = ""  # "reasonable grounds" or "conclusive grounds"
    ages = ["Adult (18 or over)", "Child (17 or under)", "Age not specified or unknown"]

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        cols = [
            Column("Year", "Calendar year", "2023"),
            Column("Quarter", "Q1 to Q4, or Total for the year", "Q1"),
        ]
        for age in self.ages:
            for outcome in ("Negative", "Positive"):
                cols.append(Column(f"{age} - {outcome} {self.stage}", "Number of decisions", "0"))
            cols.append(Column(f"{age} - Total", "Number of decisions (total)", "0"))
        cols.append(Column("Total", "All decisions in the period", "0"))
        return cols

    def check_row(self, raw, context, row):
        year, quarter = year_and_quarter(raw, allow_total=True)
        records, problems = [], []
        for column in self.column_names()[2:]:
            try:
                value = whole_number(raw, column)
            except RowProblem as problem:
                problems.append(problem)
                continue
            if column == "Total":
                age, decision = "Total", "Total"
            else:
                age, rest = column.split(" - ", 1)
                decision = "Total" if rest == "Total" else rest.split(" ", 1)[0]
            records.append(
                figure(
                    table=self.table,
                    year=year,
                    quarter=quarter,
                    value=value,
                    source=context["source"],
                    age_group=age,
                    decision=decision,
                )
            )
        if problems:
            raise RowProblems(problems)
        return records


@register
class NrmReasonableGrounds(NrmDecisions):
    name = "nrm-reasonable-grounds"
    label = "NRM reasonable grounds decisions by quarter and age (Home Office table 16)"
    table = NrmTable.REASONABLE_GROUNDS
    stage = "reasonable grounds"


@register
class NrmConclusiveGrounds(NrmDecisions):
    name = "nrm-conclusive-grounds"
    label = "NRM conclusive grounds decisions by quarter and age (Home Office table 19)"
    table = NrmTable.CONCLUSIVE_GROUNDS
    stage = "conclusive grounds"


@register
class NrmDutyToNotify(NrmKind):
    name = "nrm-duty-to-notify"
    label = "Duty to Notify reports by quarter (Home Office table 25)"
    table = NrmTable.DUTY_TO_NOTIFY
    columns = [
        Column("Year", "Calendar year", "2023"),
        Column("Quarter", "Q1 to Q4, or Total for the year", "Q4"),
        Column("Total", "Number of reports", "1044"),
    ]

    def check_row(self, raw, context, row):
        (year, quarter), value = collect(
            [
                lambda: year_and_quarter(raw, allow_total=True),
                lambda: whole_number(raw, "Total"),
            ]
        )
        return [
            figure(
                table=self.table, year=year, quarter=quarter, value=value, source=context["source"]
            )
        ]


class OneQuarterKind(NrmKind):
    """A table published for one quarter; the quarter comes from --period or the file name."""

    needs_period = True

    def start(self, *, actor: Any, options: dict) -> dict:
        period = parse_period(options.get("period") or "") or parse_period(
            options.get("source") or ""
        )
        if period is None:
            raise FileRefused(
                "This table covers one quarter: give the period, like 2023Q4 "
                "(--period on the command line, or the Period box on the upload page)."
            )
        return {
            **super().start(actor=actor, options=options),
            "year": period[0],
            "quarter": period[1],
        }


@register
class NrmDutyToNotifyNationality(OneQuarterKind):
    name = "nrm-dtn-nationality"
    label = "Duty to Notify reports by nationality, one quarter (Home Office table 26)"
    table = NrmTable.DUTY_TO_NOTIFY_NATIONALITY
    columns = [
        Column("Nationality", "Nationality as published, or Total", "Albanian"),
        Column("Total", "Number of reports", "105"),
    ]

    def check_row(self, raw, context, row):
        nationality, value = collect(
            [
                lambda: text(raw, "Nationality", max_length=80),
                lambda: whole_number(raw, "Total"),
            ]
        )
        return [
            figure(
                table=self.table,
                year=context["year"],
                quarter=context["quarter"],
                value=value,
                source=context["source"],
                nationality=nationality,
            )
        ]


@register
class NrmReferralsByResponder(OneQuarterKind):
    name = "nrm-referrals-responder"
    label = (
        "NRM referrals by first responder, exploitation type, age, gender and nationality, "
        "one quarter (Home Office tables 11-14)"
    )
    table = NrmTable.REFERRALS_BY_RESPONDER
    columns = [
        Column("First responder type", "For example NGO and third sector", "Local Authority"),
        Column("First responder", "Organisation, or '... total'", "Local Authority"),
        Column("Exploitation type", "Sexual, Labour, Criminal, combinations, or Total", "Criminal"),
        Column(
            "Age at exploitation", "Adult (18 or over), Child (17 or under), ... or Total", "Total"
        ),
        Column("Gender", "Male, Female, Other or Total", "Total"),
        Column("Nationality", "Nationality as published, or Total", "UK"),
        Column("People", "Number of people referred", "12"),
    ]

    def check_row(self, raw, context, row):
        rtype, responder, exploitation, age, gender, nationality, value = collect(
            [
                lambda: text(raw, "First responder type", max_length=80),
                lambda: text(raw, "First responder", max_length=120),
                lambda: text(raw, "Exploitation type", max_length=80),
                lambda: text(raw, "Age at exploitation", max_length=60),
                lambda: text(raw, "Gender", max_length=30),
                lambda: text(raw, "Nationality", max_length=80),
                lambda: whole_number(raw, "People"),
            ]
        )
        return [
            figure(
                table=self.table,
                year=context["year"],
                quarter=context["quarter"],
                value=value,
                source=context["source"],
                responder_type=rtype,
                responder=responder,
                exploitation_type=exploitation,
                age_group=age,
                gender=gender,
                nationality=nationality,
            )
        ]


# Which kind reads which published file (used by the demo loader and `msht import nrm-all`).
NRM_FILES = {
    "nrm_referrals_longitudinal.csv": "nrm-referrals",
    "nrm_reasonable_grounds.csv": "nrm-reasonable-grounds",
    "nrm_conclusive_grounds.csv": "nrm-conclusive-grounds",
    "nrm_duty_to_notify_longitudinal.csv": "nrm-duty-to-notify",
    "nrm_duty_to_notify_2023_q4.csv": "nrm-dtn-nationality",
    "nrm_referrals_ngo_2023_q4.csv": "nrm-referrals-responder",
    "nrm_referrals_local-authority_2023_q4.csv": "nrm-referrals-responder",
}
