"""Financial years ("2025-26", April to March) and their quarters ("2025-26 Q2", July to
September), built on the performance periods in `msht.insight.periods`."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from msht.insight import periods

_FY = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-(\d{2}) Q([1-4])$")


def fy_label(year: int) -> str:
    return periods.label(year, periods.FINANCIAL_YEAR)


def fy_of(day: date) -> int:
    return periods.key_of(day, periods.FINANCIAL_YEAR)


def fy_start(year: int) -> date:
    return date(year, 4, 1)


def fy_end(year: int) -> date:
    return date(year + 1, 3, 31)


def fy_parse(text: str) -> int:
    """'2025-26' -> 2025. ValueError with a message naming the format otherwise."""
    match = _FY.match(text.strip())
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError("must be a financial year like 2025-26")
    year = int(match.group(1))
    if not 1990 <= year <= 2100:
        raise ValueError("must be a real financial year, like 2025-26")
    return year


def fy_range(start: date, end: date) -> list[int]:
    return list(range(fy_of(start), fy_of(end) + 1))


@dataclass(frozen=True)
class Quarter:
    year: int  # the financial year
    number: int  # 1 (April to June) to 4 (January to March)

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        match = _QUARTER.match(text.strip())
        if not match:
            raise ValueError("Enter the quarter like 2025-26 Q2")
        fy_parse(f"{match.group(1)}-{match.group(2)}")
        return cls(int(match.group(1)), int(match.group(3)))

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        year = fy_of(day)
        months = (day.year * 12 + day.month - 1) - (year * 12 + 3)
        return cls(year, months // 3 + 1)

    @property
    def start(self) -> date:
        month = self.year * 12 + 3 + (self.number - 1) * 3
        return date(month // 12, month % 12 + 1, 1)

    @property
    def end(self) -> date:
        nxt = self.year * 12 + 3 + self.number * 3
        return date(nxt // 12, nxt % 12 + 1, 1) - timedelta(days=1)

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    def text(self) -> str:
        return f"{fy_label(self.year)} Q{self.number}"

    def describe(self) -> str:
        return (
            f"{fy_label(self.year)} quarter {self.number} "
            f"({self.start.strftime('%B %Y')} to {self.end.strftime('%B %Y')})"
        )
