"""Checks shared by the international services; messages name the field, GOV.UK style."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from msht.reference.dates import long_date

from .periods import fy_end, fy_label, fy_parse, fy_start

CONFLICT_MESSAGE = (
    "Someone else changed this record after you opened it. Your changes have not been saved: "
    "check the record as it is now and make your change again."
)


class InternationalPermissionDenied(Exception):
    """The actor may not do this; views answer 404."""


def financial_year(value: int | str, *, field: str, label: str, errors: dict) -> int | None:
    if isinstance(value, int):
        return value
    if not str(value).strip():
        errors[field] = f"Enter the {label.lower()}, like 2025-26"
        return None
    try:
        return fy_parse(str(value))
    except ValueError as error:
        errors[field] = f"{label} {error}"
        return None


def year_within(year: int | None, *, start: date, end: date, field: str, label: str, errors):
    """A financial year must overlap the deployment's dates."""
    if year is None or field in errors:
        return
    if fy_end(year) < start or fy_start(year) > end:
        errors[field] = (
            f"{label} {fy_label(year)} is outside the deployment, which runs from "
            f"{long_date(start)} to {long_date(end)}"
        )


def money(value: Any, *, field: str, label: str, errors: dict, required: bool = True):
    if value is None or value == "":
        if required:
            errors[field] = f"Enter the {label.lower()} in pounds"
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except ArithmeticError:
        errors[field] = f"{label} must be an amount in pounds, like 1250.50"
        return None
    if not amount.is_finite():
        errors[field] = f"{label} must be an amount in pounds, like 1250.50"
        return None
    if amount < 0:
        errors[field] = f"{label} must be £0 or more"
    elif amount >= Decimal("10000000000"):
        errors[field] = f"{label} must be less than £10,000,000,000"
    return amount


def text(value: str, *, field: str, label: str, errors: dict, limit: int, required=True) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = f"Enter the {label.lower()}"
    elif len(value) > limit:
        errors[field] = f"{label} must be {limit:,} characters or fewer"
    return value


def dates_in_order(start, end, *, field: str, message: str, errors: dict) -> None:
    if start and end and end < start and field not in errors:
        errors[field] = message


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def choice(value: str, choices: Iterable[str], *, field: str, message: str, errors: dict) -> str:
    if value not in set(choices):
        errors[field] = message
    return value
