"""Periods: months, quarters, financial years (April to March) and calendar years.

A period is an integer key computed in the database from a date, with plain arithmetic that
works the same on SQLite and PostgreSQL (no Python functions registered in SQLite, which would
run once per row):

    month index m = year * 12 + (month - 1)
    quarter       = m // 3                 (calendar quarters)
    financial year= (m - 3) // 12          (April to March, named by the year it starts)
    calendar year = m // 12
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Func, IntegerField

MONTH = "month"
QUARTER = "quarter"
FINANCIAL_YEAR = "fy"
YEAR = "year"
GRAINS = {
    MONTH: "Month",
    QUARTER: "Quarter",
    FINANCIAL_YEAR: "Financial year (April to March)",
    YEAR: "Calendar year",
}
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


class MonthIndex(Func):
    """year * 12 + month - 1 for a date column, in SQL."""

    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        # Dates are stored as 'YYYY-MM-DD' text: slicing is far cheaper than strftime.
        return self.as_sql(
            compiler,
            connection,
            template=(
                "(CAST(substr(%(expressions)s, 1, 4) AS INTEGER) * 12 "
                "+ CAST(substr(%(expressions)s, 6, 2) AS INTEGER) - 1)"
            ),
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template=(
                "(CAST(date_part('year', %(expressions)s) AS INTEGER) * 12 "
                "+ CAST(date_part('month', %(expressions)s) AS INTEGER) - 1)"
            ),
            **extra,
        )


class PeriodKey(Func):
    """The period key of a date column at a grain (see the module docstring)."""

    output_field = IntegerField()
    arity = 1

    def __init__(self, expression, grain: str = MONTH, **extra):
        if grain not in GRAINS:
            raise ValueError(f"Unknown period grain {grain!r}")
        self.grain = grain
        super().__init__(MonthIndex(expression), **extra)

    def as_sql(self, compiler, connection, **extra):
        template = {
            MONTH: "%(expressions)s",
            QUARTER: "(%(expressions)s / 3)",
            FINANCIAL_YEAR: "((%(expressions)s - 3) / 12)",
            YEAR: "(%(expressions)s / 12)",
        }[self.grain]
        return super().as_sql(compiler, connection, template=template, **extra)


class DaysBetween(Func):
    """Whole days from one date column to another (later minus earlier), in SQL."""

    output_field = IntegerField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra
        )


def month_index(value: date) -> int:
    return value.year * 12 + value.month - 1


def key_of(value: date, grain: str) -> int:
    m = month_index(value)
    return {MONTH: m, QUARTER: m // 3, FINANCIAL_YEAR: (m - 3) // 12, YEAR: m // 12}[grain]


def key_of_month_index(m: int, grain: str) -> int:
    return {MONTH: m, QUARTER: m // 3, FINANCIAL_YEAR: (m - 3) // 12, YEAR: m // 12}[grain]


def first_day(key: int, grain: str) -> date:
    m = {MONTH: key, QUARTER: key * 3, FINANCIAL_YEAR: key * 12 + 3, YEAR: key * 12}[grain]
    return date(m // 12, m % 12 + 1, 1)


def label(key: int, grain: str) -> str:
    if grain == MONTH:
        return f"{MONTH_NAMES[key % 12]} {key // 12}"
    if grain == QUARTER:
        return (
            f"{key // 4} Q{key % 4 + 1} ({MONTH_NAMES[(key % 4) * 3][:3]} to "
            f"{MONTH_NAMES[(key % 4) * 3 + 2][:3]})"
        )
    if grain == FINANCIAL_YEAR:
        return f"{key}-{(key + 1) % 100:02d}"
    return str(key)


def keys_between(start: date, end: date, grain: str) -> list[int]:
    """Every period key from the one holding `start` to the one holding `end`."""
    first, last = key_of(start, grain), key_of(end, grain)
    return list(range(first, last + 1))


@dataclass(frozen=True)
class MonthRange:
    """Whole months, first to last inclusive."""

    first: int  # month index
    last: int

    @classmethod
    def parse(cls, text: str) -> "MonthRange":
        """'2024-03' (one month) or '2024-02..2024-03'. Raises ValueError with a clear message."""
        parts = [part.strip() for part in text.split("..")]
        if len(parts) > 2 or not all(parts):
            raise ValueError("Give a month as YYYY-MM, or a range as YYYY-MM..YYYY-MM")
        indexes = [parse_month(part) for part in parts]
        first, last = indexes[0], indexes[-1]
        if last < first:
            raise ValueError("The range must start before it ends")
        return cls(first, last)

    @property
    def start_date(self) -> date:
        return date(self.first // 12, self.first % 12 + 1, 1)

    @property
    def end_date(self) -> date:
        nxt = self.last + 1
        following = date(nxt // 12, nxt % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    def text(self) -> str:
        a = f"{self.first // 12}-{self.first % 12 + 1:02d}"
        b = f"{self.last // 12}-{self.last % 12 + 1:02d}"
        return a if a == b else f"{a}..{b}"

    def describe(self) -> str:
        a, b = label(self.first, MONTH), label(self.last, MONTH)
        return a if a == b else f"{a} to {b}"


def parse_month(text: str) -> int:
    bits = text.split("-")
    if len(bits) != 2 or not (bits[0].isdigit() and bits[1].isdigit()) or len(bits[0]) != 4:
        raise ValueError(f"'{text}' is not a month: use YYYY-MM, like 2024-03")
    year, month = int(bits[0]), int(bits[1])
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a month: the month must be 01 to 12")
    if not 1900 <= year <= 2200:
        raise ValueError(f"'{text}' is not a month: the year must be a real one")
    return year * 12 + month - 1
