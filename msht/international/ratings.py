"""The rules that turn targets, actuals, costs and outputs into ratings and value-for-money
figures. Nothing here is typed by a person: a rating is derived every time it is shown.

Rating of an indicator for a financial year (its period), as at a date:

- too early: the period has not ended by the as-at date, or it has ended and no actual is
  recorded yet;
- met: the actual is at least 100% of the target;
- partly met: the actual is at least 75% of the target (PARTLY_MET_THRESHOLD);
- not met: below 75% of the target.

An indicator with no target for the period is not rated. Targets are greater than zero and
indicators are phrased so that higher is better ("share of requests answered within 30 days",
not "days to answer").

Value for money divides a cost by an output; with no cost recorded or no output (a zero
denominator) the figure is not available (None), never 0.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

PARTLY_MET_THRESHOLD = Decimal("0.75")
PENNY = Decimal("0.01")


class Rating(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
    TOO_EARLY = "too_early", "Too early"


RATING_ORDER = [Rating.MET, Rating.PARTLY_MET, Rating.NOT_MET, Rating.TOO_EARLY]


def rate(
    *, target: Decimal | None, actual: Decimal | None, period_end: date, as_at: date
) -> str | None:
    if target is None:
        return None
    if as_at <= period_end or actual is None:
        return Rating.TOO_EARLY
    if target <= 0:  # refused on entry; kept safe for figures all the same
        return None
    share = actual / target
    if share >= 1:
        return Rating.MET
    if share >= PARTLY_MET_THRESHOLD:
        return Rating.PARTLY_MET
    return Rating.NOT_MET


def per(cost: Decimal | None, count: int | None) -> Decimal | None:
    """Cost per unit of output, to the penny; None (not available) without a cost or output."""
    if cost is None or not count:
        return None
    return (cost / Decimal(count)).quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds(value: Decimal | None) -> str:
    """'£1,234.56', or 'not available'."""
    if value is None:
        return "not available"
    return f"£{value:,.2f}"


def whole_pounds(value: Decimal | None) -> int | None:
    """A figure for a report table: whole pounds, half up."""
    if value is None:
        return None
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
