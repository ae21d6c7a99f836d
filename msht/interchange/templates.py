"""Downloadable templates: a header row and one example row per import kind."""

import csv
import io
from pathlib import Path

from .kinds import ImportKind, all_kinds


def template_csv(kind: ImportKind) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(kind.column_names())
    writer.writerow([column.example for column in kind.columns])
    return buffer.getvalue()


def write_templates(folder: Path) -> list[Path]:
    """Regenerate docs/templates/ (a test checks the committed copies are current)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in all_kinds():
        path = folder / f"{kind.name}.csv"
        path.write_text(template_csv(kind), encoding="utf-8")
        written.append(path)
    return written
