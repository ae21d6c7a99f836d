"""Progress of a running import, readable by the page while the import's transaction is open.

The import writes its rows in one transaction (so a crash leaves nothing behind); its
progress cannot live in that transaction, or nobody could see it before the end. It is kept
in a small JSON file beside the uploaded file, replaced atomically. See
docs/decisions/0502-import-progress-outside-the-transaction.md.
"""

import json
import os
import time
from pathlib import Path

from django.conf import settings

STALE_AFTER_SECONDS = 120


def import_dir(public_id) -> Path:
    base = Path(getattr(settings, "INTERCHANGE_DIR", settings.VAR_DIR / "imports"))
    return base / str(public_id)


def write_progress(public_id, *, rows: int, fraction: float, stage: str) -> None:
    folder = import_dir(public_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "progress.json"
    temporary = folder / f".progress.{os.getpid()}.tmp"
    temporary.write_text(
        json.dumps(
            {"rows": rows, "fraction": round(fraction, 4), "stage": stage, "at": time.time()}
        )
    )
    os.replace(temporary, target)


def read_progress(public_id) -> dict | None:
    try:
        return json.loads((import_dir(public_id) / "progress.json").read_text())
    except (OSError, ValueError):
        return None


def is_stale(public_id, started_at_epoch: float | None) -> bool:
    """A running import whose progress has not moved for a while has died (for example a
    killed worker): its transaction never committed, so nothing of it was saved."""
    progress = read_progress(public_id)
    last = progress["at"] if progress else started_at_epoch
    return last is not None and time.time() - last > STALE_AFTER_SECONDS
