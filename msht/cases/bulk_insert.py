"""Fast inserts of new rows for the case register's bulk writes, below the ORM's per-instance work.

`bulk_create` builds a model instance per row and prepares every value of every field
through the field's methods: most of an import's time (see docs/decisions/0512). Rows that
have already been checked are inserted here as plain tuples: one converter per column chosen
once per call, `executemany` on SQLite and `COPY` on PostgreSQL, inside the caller's
transaction. Only for new rows of simple models (no save() logic, no signals are relied on).
"""

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import connection, models
from django.utils import timezone


def _converter(field: models.Field, postgres: bool) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        return lambda value: None if value is None else json.dumps(value)
    if postgres:
        return lambda value: value
    if isinstance(field, models.DateTimeField):
        return (
            lambda value: None if value is None else connection.ops.adapt_datetimefield_value(value)
        )
    if isinstance(field, models.DateField):
        return lambda value: value.isoformat() if isinstance(value, date) else value
    return lambda value: value


def _default(field: models.Field, now: datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.empty_strings_allowed:
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value")


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert `rows` (tuples in the order of `columns`, attribute names like "case_id");
    every other column gets its default. Returns the number of rows inserted."""
    postgres = connection.vendor == "postgresql"
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    by_attname = {f.attname: f for f in fields}
    unknown = [c for c in columns if c not in by_attname]
    if unknown:
        raise ValueError(f"{model.__name__} has no column(s) {unknown}")
    others = [f for f in fields if f.attname not in columns]
    all_fields = [by_attname[c] for c in columns] + others
    convert = [_converter(f, postgres) for f in all_fields]
    # Defaults (including auto_now timestamps) are the same for every row: convert them once.
    tail = tuple(
        conv(_default(f, now)) for f, conv in zip(others, convert[len(columns) :], strict=True)
    )
    head_convert = convert[: len(columns)]
    plain = [i for i, f in enumerate(all_fields[: len(columns)]) if not _needs(f, postgres)]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in all_fields)
    count = 0
    with connection.cursor() as cursor:
        if postgres:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_row(row, head_convert, plain) + tail)
                    count += 1
        else:
            marks = ", ".join(["%s"] * len(all_fields))
            prepared = [_row(row, head_convert, plain) + tail for row in rows]
            count = len(prepared)
            if prepared:
                # Table and column names come from the model, quoted; values are parameters.
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, prepared)
    return count


def _needs(field: models.Field, postgres: bool) -> bool:
    if isinstance(field, models.JSONField):
        return True
    return not postgres and isinstance(field, (models.DateField, models.DateTimeField))


def _row(row: Sequence[Any], convert: list[Callable], plain: list[int]) -> tuple:
    if len(plain) == len(convert):
        return tuple(row)
    return tuple(conv(value) for conv, value in zip(convert, row, strict=True))


def ids_by(model: type[models.Model], field: str, values: list[Any]) -> dict[Any, int]:
    """{value: pk} for rows just inserted, read back in slices (SQLite has no RETURNING for
    executemany, and COPY returns nothing)."""
    result: dict[Any, int] = {}
    for start in range(0, len(values), 5000):
        result.update(
            model._default_manager.filter(
                **{f"{field}__in": values[start : start + 5000]}
            ).values_list(field, "pk")
        )
    return result
