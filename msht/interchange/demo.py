"""Demo partner data: the real Home Office NRM tables, imported idempotently."""

from pathlib import Path

from django.conf import settings

from .importers.nrm import NRM_FILES
from .services import import_file


def nrm_data_dir() -> Path:
    configured = getattr(settings, "NRM_DATA_DIR", None)
    if configured:
        return Path(configured)
    # The published tables ship with the service (Open Government Licence; data/nrm/README.md).
    return Path(settings.BASE_DIR) / "data" / "nrm"


def load_demo_partner_data(stdout) -> None:
    folder = nrm_data_dir()
    if not folder.is_dir():
        stdout.write(f"NRM statistics not found at {folder}; skipped.\n")
        return
    for file_name, kind in NRM_FILES.items():
        path = folder / file_name
        if not path.is_file():
            stdout.write(f"  {file_name} missing; skipped.\n")
            continue
        batch = import_file(actor=None, kind=kind, path=path)
        stdout.write(
            f"  NRM {file_name}: {batch.get_status_display().lower()}, "
            f"{batch.rows_created} created, {batch.rows_unchanged} unchanged\n"
        )
