from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _reload_tags(sender, **kwargs) -> None:
    """The shipped legal-issue and MSA-section tags come back after a test flush (as the
    reference data and quality templates do); loading is idempotent."""
    from .catalogue import load_hub_tags

    load_hub_tags()


class HubConfig(AppConfig):
    name = "msht.hub"
    label = "hub"

    def ready(self) -> None:
        post_migrate.connect(_reload_tags, sender=self)
