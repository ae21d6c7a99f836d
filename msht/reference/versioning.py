"""Optimistic locking for edit forms of shared records (docs/decisions/0100, 0007).

A record that several people edit carries a `version` column. Its edit form carries the version it
was built from; the service that saves it calls `version_claim` inside its transaction, which moves
the version on with one conditional `UPDATE ... WHERE version = <the form's>`. Zero rows updated
means someone saved meanwhile: the save is refused with a clear message and the transaction rolls
back. The same statement works on SQLite and PostgreSQL (where the second writer waits for the
first's row lock, then finds the version moved on).
"""

from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db.models import F


class Versioned(Protocol):
    """A model instance with a `version` column."""

    pk: Any
    version: int


CONFLICT = (
    "Someone else saved changes to {what} after you opened this page, so your changes have not "
    "been saved. Open the page again to see the latest details, then make your changes again."
)


class StaleVersion(ValidationError):
    """A save made from a stale copy of a record."""

    def __init__(self, what: str):
        super().__init__(CONFLICT.format(what=what), code="conflict")


def version_claim(
    record: Versioned, expected_version: int | None, *, what: str = "this record"
) -> int:
    """Inside a transaction: refuse a stale save, or move the record's version on by one.

    `expected_version` None (a caller without a form, such as an import) never conflicts but
    still moves the version on, so open forms built before this change become stale.
    Returns the new version and sets it on `record`.
    """
    model: Any = type(record)
    rows = model._default_manager.filter(pk=record.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) != 1:
        raise StaleVersion(what)
    record.version = model._default_manager.values_list("version", flat=True).get(pk=record.pk)
    return record.version
