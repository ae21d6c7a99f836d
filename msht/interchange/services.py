"""Imports: one file, one batch, one transaction.

`import_batch_create` records who brought which file (by its SHA-256); `import_batch_run`
streams the rows, checks each, writes valid rows in chunks by their natural keys and either
commits everything with the batch's counts and its audit event, or rolls everything back:

- by default a file is all or nothing: one bad row and nothing is saved;
- `valid_rows_only` saves the good rows and reports the others;
- `simulate` checks and counts everything, then rolls back.

A crash or `kill -9` leaves the transaction uncommitted, so no partial data can remain.
"""

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.audit.models import Operation
from msht.audit.services import audit_record

from . import progress as progress_store
from .kinds import ImportKind, Record, RowProblem, RowProblems, get_kind
from .models import ImportBatch
from .readers import FileRefused, escape_for_display, open_table, sha256_of

CHUNK_ROWS = 2000
MAX_STORED_ERRORS = 5000
PROGRESS_EVERY_SECONDS = 0.5

ProgressCallback = Callable[[int, float], None]


class _RollBack(Exception):
    """Leave the import's transaction without saving anything."""


def import_batch_create(
    *,
    actor: Any,
    kind: str,
    path: Path,
    file_name: str,
    simulate: bool = False,
    valid_rows_only: bool = False,
    keep_copy: bool = True,
) -> ImportBatch:
    """Record a file to import. With `keep_copy` the file is copied beside the batch so a
    background worker can read it."""
    if actor is not None and not access.can(actor, Capability.DATA_IMPORT):
        raise ValidationError("You do not have permission to import data.")
    try:
        get_kind(kind)
    except KeyError as error:
        raise ValidationError({"kind": str(error.args[0])}) from error
    path = Path(path)
    batch = ImportBatch.objects.create(
        kind=kind,
        file_name=Path(file_name).name[:255],
        file_sha256=sha256_of(path),
        file_size=path.stat().st_size,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        simulate=simulate,
        valid_rows_only=valid_rows_only,
    )
    stored = path
    if keep_copy:
        folder = progress_store.import_dir(batch.public_id)
        folder.mkdir(parents=True, exist_ok=True)
        stored = folder / "upload"
        shutil.copyfile(path, stored)
    batch.stored_path = str(stored)
    batch.save(update_fields=["stored_path"])
    return batch


def _error_row(row: int, problem: RowProblem) -> dict:
    return {
        "row": row,
        "column": problem.column,
        "value": escape_for_display(problem.value or ""),
        "message": problem.message,
    }


def _check_header(kind: ImportKind, header: list[str]) -> list[str]:
    expected = kind.column_names()
    required = [column.name for column in kind.columns if column.required]
    missing = [name for name in required if name not in header]
    unknown = [name for name in header if name and name not in expected]
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    problems = []
    if missing:
        problems.append("The file is missing the column(s): " + ", ".join(missing) + ".")
    if unknown:
        problems.append(
            "The file has column(s) this import does not know: "
            + ", ".join(escape_for_display(name, 40) for name in unknown[:10])
            + ". Use the column names in the template."
        )
    if duplicated:
        problems.append("These columns appear more than once: " + ", ".join(duplicated) + ".")
    return problems


def import_batch_run(
    *,
    batch: ImportBatch,
    actor: Any,
    period: str = "",
    on_progress: ProgressCallback | None = None,
    progress_file: bool = True,
) -> ImportBatch:
    """Run a recorded batch. Returns it with its final status, counts and first errors.

    `progress_file` keeps progress where the upload page can read it (background jobs)."""

    def write_progress(rows: int, fraction: float, stage: str) -> None:
        if progress_file:
            progress_store.write_progress(
                batch.public_id, rows=rows, fraction=fraction, stage=stage
            )

    kind = get_kind(batch.kind)
    batch.status = ImportBatch.Status.RUNNING
    batch.started_at = timezone.now()
    batch.save(update_fields=["status", "started_at"])
    write_progress(0, 0.0, "reading")

    counts = {"read": 0, "created": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    errors: list[dict] = []
    error_count = 0
    message = ""
    try:
        table = open_table(Path(batch.stored_path))
        header_problems = _check_header(kind, table.header)
        if header_problems:
            if table.close:
                table.close()
            raise FileRefused(" ".join(header_problems))
        with transaction.atomic():
            context = kind.start(actor=actor, options={"period": period, "source": batch.file_name})
            seen: set[int] = set()
            chunk: list[Record] = []
            strict = not batch.valid_rows_only
            last_report = 0.0
            header = table.header

            def flush() -> None:
                nonlocal error_count
                if not chunk:
                    return
                if strict and error_count:
                    chunk.clear()  # nothing will be saved: stop writing, keep checking
                    return
                written = kind.write(list(chunk), context)
                counts["created"] += written.created
                counts["updated"] += written.updated
                counts["unchanged"] += written.unchanged
                for row, problem in written.problems:
                    error_count += 1
                    counts["rejected"] += 1
                    if len(errors) < MAX_STORED_ERRORS:
                        errors.append(_error_row(row, problem))
                chunk.clear()

            for row_number, values in table.rows:
                counts["read"] += 1
                raw = dict(zip(header, values, strict=False))
                problems: list[RowProblem] = []
                if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
                    problems.append(
                        RowProblem(
                            f"The row has {len(values)} values but the header names "
                            f"{len(header)} columns. Check for commas inside values without quotes."
                        )
                    )
                records: list[Record] = []
                if not problems:
                    try:
                        records = kind.check_row(raw, context, row_number)
                    except RowProblem as problem:
                        problems.append(problem)
                    except RowProblems as many:
                        problems.extend(many.problems)
                for record in records:
                    record.row = row_number
                    digest = hash(record.key)
                    if digest in seen:
                        problems.append(
                            RowProblem(
                                f"This row repeats the {kind.key_label} '{record.key}' from an "
                                "earlier row of the file. Each must appear once.",
                                "",
                                record.key,
                            )
                        )
                        break
                    seen.add(digest)
                if problems:
                    error_count += len(problems)
                    counts["rejected"] += 1
                    for problem in problems:
                        if len(errors) < MAX_STORED_ERRORS:
                            errors.append(_error_row(row_number, problem))
                    continue
                chunk.extend(records)
                if len(chunk) >= CHUNK_ROWS:
                    flush()
                now = time.monotonic()
                if now - last_report > PROGRESS_EVERY_SECONDS:
                    last_report = now
                    fraction = table.fraction() if table.fraction else 0.0
                    write_progress(counts["read"], fraction, "importing")
                    if on_progress:
                        on_progress(counts["read"], fraction)
            flush()
            if counts["read"] == 0:
                raise FileRefused(
                    "The file has a header row but no data rows. Nothing was imported."
                )
            if error_count and not batch.valid_rows_only:
                raise _RollBack
            batch.status = (
                ImportBatch.Status.SIMULATED if batch.simulate else ImportBatch.Status.COMPLETED
            )
            if batch.simulate:
                raise _RollBack
            if table.encoding not in ("utf-8", "utf-8-sig"):
                message = (
                    f"The file was not in UTF-8; it was read as {table.encoding} "
                    "(Windows Western European) and converted."
                )
            _finish(batch, counts, errors, error_count, message)
            audit_record(
                actor=actor,
                operation=Operation.COLLECTION,
                object_type="import_batch",
                object_id=batch.pk,
                reason=f"Import of {batch.kind}",
                detail={
                    "kind": batch.kind,
                    "sha256": batch.file_sha256,
                    "created": counts["created"],
                    "updated": counts["updated"],
                    "unchanged": counts["unchanged"],
                    "rejected": counts["rejected"],
                },
            )
    except _RollBack:
        if batch.status != ImportBatch.Status.SIMULATED:
            batch.status = ImportBatch.Status.REFUSED
            message = (
                f"Nothing was imported: {counts['rejected']:,} of {counts['read']:,} rows have "
                "problems. Correct them and import the file again, or choose to import the "
                "valid rows only."
            )
        _finish(batch, counts, errors, error_count, message)
    except FileRefused as refusal:
        batch.status = ImportBatch.Status.REFUSED
        _finish(batch, counts, errors, error_count, refusal.message)
    except Exception:
        batch.status = ImportBatch.Status.FAILED
        _finish(
            batch,
            counts,
            errors,
            error_count,
            "The import stopped because of a fault in the service. Nothing was saved. "
            "Try again; if it happens again, tell the service desk.",
        )
        write_progress(counts["read"], 1.0, "finished")
        raise
    write_progress(counts["read"], 1.0, "finished")
    if on_progress:
        on_progress(counts["read"], 1.0)
    return batch


def _finish(batch, counts, errors, error_count, message) -> None:
    batch.rows_read = counts["read"]
    batch.rows_created = counts["created"]
    batch.rows_updated = counts["updated"]
    batch.rows_unchanged = counts["unchanged"]
    batch.rows_rejected = counts["rejected"]
    batch.error_count = error_count
    batch.errors = errors
    batch.message = message[:500]
    batch.finished_at = timezone.now()
    batch.save()


def import_file(
    *,
    actor: Any,
    kind: str,
    path: Path,
    simulate: bool = False,
    valid_rows_only: bool = False,
    period: str = "",
    file_name: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> ImportBatch:
    """Create and run a batch in this process (the command line, the demo, tests)."""
    batch = import_batch_create(
        actor=actor,
        kind=kind,
        path=path,
        file_name=file_name or Path(path).name,
        simulate=simulate,
        valid_rows_only=valid_rows_only,
        keep_copy=False,
    )
    return import_batch_run(
        batch=batch, actor=actor, period=period, on_progress=on_progress, progress_file=False
    )
