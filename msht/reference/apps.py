from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_reference_data(sender, **kwargs) -> None:
    """After migrate or a flush (test databases), the reference catalogue is present.

    The data migration loads it; this restores it when a flush has emptied the tables. The
    loader upserts by code and never re-enables or deletes, so running it again is harmless.
    """
    from .loader import load_reference_data

    load_reference_data()


class ReferenceConfig(AppConfig):
    name = "msht.reference"
    label = "reference"

    def ready(self) -> None:
        post_migrate.connect(_ensure_reference_data, sender=self)
