"""Leads and deputies, legal enquiries and governance: who leads this work and its oversight."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_posts(sender, **kwargs) -> None:
    """After migrate or a flush (test databases), the shipped posts of the register exist."""
    from django.apps import apps

    from .loader import load_posts

    load_posts(apps)


class PeopleConfig(AppConfig):
    name = "msht.people"
    label = "people"

    def ready(self) -> None:
        post_migrate.connect(_ensure_posts, sender=self)
