"""The row-level report of an import: on screen, on the command line and as a CSV download."""

import csv
from collections.abc import Iterator
from typing import TextIO

from .exports import neutralise
from .models import ImportBatch

REPORT_COLUMNS = ["Row", "Column", "Value", "Problem"]


def report_lines(batch: ImportBatch, *, limit: int = 20) -> Iterator[str]:
    yield (
        f"{batch.get_status_display()}: {batch.file_name} ({batch.kind}), "
        f"sha256 {batch.file_sha256[:12]}…"
    )
    yield (
        f"rows read {batch.rows_read:,}; created {batch.rows_created:,}; "
        f"updated {batch.rows_updated:,}; unchanged {batch.rows_unchanged:,}; "
        f"rejected {batch.rows_rejected:,}"
    )
    if batch.message:
        yield batch.message
    for error in batch.errors[:limit]:
        column = f" {error['column']}" if error["column"] else ""
        value = f" ('{error['value']}')" if error["value"] else ""
        yield f"  row {error['row']}{column}{value}: {error['message']}"
    if batch.error_count > limit:
        yield f"  … and {batch.error_count - limit:,} more problems (see the full report)"


def write_report_csv(batch: ImportBatch, handle: TextIO) -> None:
    writer = csv.writer(handle)
    writer.writerow(REPORT_COLUMNS)
    for error in batch.errors:
        writer.writerow(
            [
                error["row"],
                neutralise(error["column"]),
                neutralise(error["value"]),
                neutralise(error["message"]),
            ]
        )
    if batch.error_count > len(batch.errors):
        writer.writerow(
            [
                "",
                "",
                "",
                f"{batch.error_count - len(batch.errors)} further problems "
                "are not listed. Correct these and import again.",
            ]
        )
