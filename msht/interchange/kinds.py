"""What can be imported: each kind names its columns, checks a row and writes a chunk.

A kind is registered with `@register`; `msht import KIND FILE`, the upload page and the
templates under docs/templates/ all come from this registry.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models


class RowProblem(Exception):
    """A value in a row is wrong; `column` names it (blank for the whole row)."""

    def __init__(self, message: str, column: str = "", value: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column
        self.value = value


class RowProblems(Exception):
    def __init__(self, problems: list[RowProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    example: str
    required: bool = True


@dataclass
class Record:
    """A checked row, ready to write: `key` is its natural key."""

    row: int
    key: str
    values: dict[str, Any]


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[tuple[int, RowProblem]] = field(default_factory=list)


class ImportKind:
    name: str = ""
    label: str = ""
    description: str = ""
    columns: list[Column] = []
    # Extra options a kind needs (e.g. the period of a one-quarter NRM table).
    needs_period: bool = False
    key_label: str = "key"

    def start(self, *, actor: Any, options: dict) -> dict:
        """Called once per import inside its transaction; returns a context for the rows."""
        return {"actor": actor, **options}

    def check_row(self, raw: dict[str, str], context: dict, row: int) -> list[Record]:
        raise NotImplementedError

    def write(self, records: list[Record], context: dict) -> WriteResult:
        raise NotImplementedError

    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


REGISTRY: dict[str, ImportKind] = {}


def register(kind_class: type[ImportKind]) -> type[ImportKind]:
    kind = kind_class()
    REGISTRY[kind.name] = kind
    return kind_class


def get_kind(name: str) -> ImportKind:
    from . import importers  # noqa: F401 - registers the kinds

    try:
        return REGISTRY[name]
    except KeyError as error:
        raise KeyError(
            f"Unknown import kind {name!r}. Choose one of: {', '.join(sorted(REGISTRY))}."
        ) from error


def all_kinds() -> list[ImportKind]:
    from . import importers  # noqa: F401

    return [REGISTRY[name] for name in sorted(REGISTRY)]


# --- Checking values -----------------------------------------------------------------------

_FORMULA_START = ("=", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def text(raw: dict[str, str], column: str, *, required: bool = True, max_length: int = 200) -> str:
    value = (raw.get(column) or "").strip()
    if not value:
        if required:
            raise RowProblem(f"{column} is missing. Enter a value.", column, value)
        return ""
    if value.startswith(_FORMULA_START) or (value[0] in "+-" and not _NUMBER.match(value)):
        raise RowProblem(
            f"{column} starts with '{value[0]}', which a spreadsheet would run as a formula. "
            "Remove the formula and type the value itself.",
            column,
            value,
        )
    if len(value) > max_length:
        raise RowProblem(
            f"{column} is {len(value)} characters long; it must be {max_length} or fewer.",
            column,
            value,
        )
    return value


def whole_number(
    raw: dict[str, str],
    column: str,
    *,
    required: bool = True,
    minimum: int = 0,
    maximum: int = 10**9,
) -> int | None:
    value = (raw.get(column) or "").strip().replace(",", "")
    if not value:
        if required:
            raise RowProblem(f"{column} is missing. Enter a whole number.", column, value)
        return None
    if value.endswith(".0"):
        value = value[:-2]
    if not value.lstrip("-").isdigit():
        raise RowProblem(f"{column} must be a whole number, like 12.", column, value)
    number = int(value)
    if number < minimum or number > maximum:
        raise RowProblem(f"{column} must be between {minimum:,} and {maximum:,}.", column, value)
    return number


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")


def a_date(
    raw: dict[str, str], column: str, *, required: bool = True, allow_future: bool = False
) -> date | None:
    value = (raw.get(column) or "").strip()
    if not value:
        if required:
            raise RowProblem(f"{column} is missing. Enter a date, like 2024-03-27.", column, value)
        return None
    match = _ISO.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DMY.match(value)
        if not match:
            raise RowProblem(
                f"{column} must be a date like 2024-03-27 or 27/03/2024.", column, value
            )
        day, month, year = (int(part) for part in match.groups())
    try:
        result = date(year, month, day)
    except ValueError as error:
        raise RowProblem(f"{column} must be a real date.", column, value) from error
    if result.year < 1900:
        raise RowProblem(f"{column} must be after 1900.", column, value)
    if not allow_future and result > date.today():
        raise RowProblem(f"{column} must be today or in the past.", column, value)
    return result


def yes_no(raw: dict[str, str], column: str, *, default: bool = False) -> bool:
    value = (raw.get(column) or "").strip().lower()
    if not value:
        return default
    if value in {"yes", "y", "true", "1"}:
        return True
    if value in {"no", "n", "false", "0"}:
        return False
    raise RowProblem(f"{column} must be yes or no.", column, value)


def one_of(
    raw: dict[str, str],
    column: str,
    lookup: dict[str, Any],
    *,
    required: bool = True,
    what: str = "code",
) -> Any:
    value = (raw.get(column) or "").strip()
    if not value:
        if required:
            raise RowProblem(f"{column} is missing. Enter a {what}.", column, value)
        return None
    found = lookup.get(value) or lookup.get(value.upper()) or lookup.get(value.lower())
    if found is None:
        examples = ", ".join(list(lookup)[:5])
        raise RowProblem(
            f"{column} '{value}' is not a known {what}. Use one of the codes in the template "
            f"(for example {examples}).",
            column,
            value,
        )
    return found


def collect(checks: Iterable[Callable[[], Any]]) -> list[Any]:
    """Run every check and report all the problems of a row at once, not just the first."""
    results, problems = [], []
    for check in checks:
        try:
            results.append(check())
        except RowProblem as problem:
            problems.append(problem)
            results.append(None)
        except RowProblems as many:
            problems.extend(many.problems)
            results.append(None)
    if problems:
        raise RowProblems(problems)
    return results


# --- Writing -------------------------------------------------------------------------------


def upsert_by_key(
    model: type[models.Model],
    records: list[Record],
    *,
    key_field: str = "key",
    fields: list[str],
) -> WriteResult:
    """Create new rows, update changed ones, leave identical ones alone (one read per chunk).

    Re-importing the same file therefore writes nothing and reports every row unchanged.
    """
    result = WriteResult()
    keys = [record.key for record in records]
    existing = {
        row[key_field]: row
        for row in model.objects.filter(**{f"{key_field}__in": keys}).values(
            "pk", key_field, *fields
        )
    }
    to_create, to_update = [], []
    for record in records:
        current = existing.get(record.key)
        if current is None:
            to_create.append(model(**{key_field: record.key}, **record.values))
        elif any(current[name] != record.values[name] for name in fields):
            to_update.append(model(pk=current["pk"], **{key_field: record.key}, **record.values))
        else:
            result.unchanged += 1
    if to_create:
        model.objects.bulk_create(to_create, batch_size=2000)
        result.created += len(to_create)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=2000)
        result.updated += len(to_update)
    return result
