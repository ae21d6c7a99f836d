from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_catalogue(sender, **kwargs) -> None:
    """After migrate or a flush (test databases), the shipped templates are present.

    The loader only adds what is missing, so running it again changes nothing.
    """
    from django.apps import apps

    from .loader import load_quality_catalogue

    load_quality_catalogue(apps)


class QualityConfig(AppConfig):
    name = "msht.quality"
    label = "quality"

    def ready(self) -> None:
        post_migrate.connect(_ensure_catalogue, sender=self)
