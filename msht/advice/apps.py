"""Early investigative advice requested by police, its triage and the advice given.

Also the per-force joint data and the partner API.
"""

from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "msht.advice"
    label = "advice"
    verbose_name = "Early investigative advice"

    def ready(self) -> None:
        from . import imports  # noqa: F401 - registers the police return import kind
