"""Writing tables for people to open in spreadsheets, safely: case lists as CSV and XLSX,
with any cell a spreadsheet would run as a formula neutralised, each export a disclosure."""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction

from msht.audit.models import Operation
from msht.audit.services import audit_record

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make a cell that a spreadsheet would run as a formula into plain text (prefix ')."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


CASE_LIST_COLUMNS = [
    "URN",
    "Area",
    "Police force",
    "Operation name",
    "Exploitation types",
    "Status",
    "Unit",
    "Police referral date",
    "Charging decision",
    "Charge date",
    "Finalised date",
    "Outcome",
    "Unsuccessful reason",
]


def case_list_rows(cases) -> Iterator[list[Any]]:
    """Rows of a case list, from an already scoped queryset (cases_visible_to)."""
    queryset = (
        cases.select_related("area", "police_force", "unit", "outcome", "unsuccessful_reason")
        .prefetch_related("exploitation_types")
        .order_by("urn")
    )
    for case in queryset.iterator(chunk_size=2000):
        yield [
            case.urn,
            case.area.name,
            case.police_force.name,
            case.operation_name,
            "; ".join(t.code for t in case.exploitation_types.all()),
            case.get_status_display(),
            case.unit.name if case.unit else "",
            case.referral_date,
            case.get_charging_decision_display(),
            case.charge_date,
            case.finalised_date,
            case.outcome.name if case.outcome else "",
            case.unsuccessful_reason.name if case.unsuccessful_reason else "",
        ]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return neutralise(value) if isinstance(value, str) else value


def write_csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def write_xlsx(header: list[str], rows: Iterable[list[Any]], *, title: str = "Cases") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        # Strings starting with '=' would be stored as formulas: neutralised, they are text.
        sheet.append([_cell(value) for value in row])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        return handle.read()


def case_list_export(
    *, actor: Any, cases, file_format: str, recipient: str, purpose: str
) -> tuple[bytes, int]:
    """The case list as CSV or XLSX; recorded as a disclosure with its recipient and purpose."""
    from django.core.exceptions import ValidationError

    errors = {}
    if not recipient.strip():
        errors["recipient"] = "Enter who the export is for"
    if not purpose.strip():
        errors["purpose"] = "Enter why the export is needed"
    if file_format not in ("csv", "xlsx"):
        errors["file_format"] = "Choose CSV or Excel"
    if errors:
        raise ValidationError(errors)
    rows = list(case_list_rows(cases))
    content = (write_csv if file_format == "csv" else write_xlsx)(CASE_LIST_COLUMNS, rows)
    with transaction.atomic():
        audit_record(
            actor=actor,
            operation=Operation.DISCLOSURE,
            object_type="case_list",
            reason=purpose.strip(),
            recipient=recipient.strip(),
            detail={"format": file_format, "cases": len(rows)},
        )
    return content, len(rows)
