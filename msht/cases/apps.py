from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


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
        _connect_filter_choices_invalidation()


def _connect_filter_choices_invalidation() -> None:
    """A change to a reference table the case list filters on deletes the cached choices
    (a cache entry, not business logic: see docs/decisions/0104)."""
    from msht.reference import models as reference

    from .selectors import case_filter_choices_clear

    for model in (
        reference.Area,
        reference.Unit,
        reference.ExploitationType,
        reference.Offence,
        reference.PoliceForce,
    ):
        uid = f"cases-filter-choices-{model._meta.label_lower}"
        post_save.connect(case_filter_choices_clear, sender=model, dispatch_uid=uid)
        post_delete.connect(case_filter_choices_clear, sender=model, dispatch_uid=f"{uid}-d")
