from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_catalogue(sender, **kwargs) -> None:
    """After migrate or a flush (test databases), the shipped courses are present."""
    from .loader import load_training_catalogue

    load_training_catalogue()


class TrainingConfig(AppConfig):
    name = "msht.training"
    label = "training"

    def ready(self) -> None:
        from . import imports  # noqa: F401 - registers the completions import kind

        post_migrate.connect(_ensure_catalogue, sender=self)
