from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_append_only(sender, using="default", **kwargs) -> None:
    """After migrate or flush, the audit table is append-only again (idempotent)."""
    from django.db import connections

    from . import triggers

    triggers.install(connections[using])


class AuditConfig(AppConfig):
    name = "msht.audit"
    label = "audit"

    def ready(self) -> None:
        post_migrate.connect(_ensure_append_only, sender=self)
