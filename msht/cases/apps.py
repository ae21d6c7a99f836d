from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_default_rules(sender, **kwargs) -> None:
    """After migrate or a flush (test databases), the referral criteria have their defaults.

    The loader does nothing once any rule exists, so edited rules are never overwritten.
    """
    from django.apps import apps

    from .criteria import load_default_rules

    load_default_rules(apps)


class CasesConfig(AppConfig):
    name = "msht.cases"
    label = "cases"

    def ready(self) -> None:
        post_migrate.connect(_ensure_default_rules, sender=self)
