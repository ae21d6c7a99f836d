"""The home page's panels: each feature adds a function that returns the user's own work."""

import importlib.util
from collections.abc import Callable

from django.urls import NoReverseMatch
from django.utils.module_loading import import_string

PanelProvider = Callable[[object], dict | None]
PANEL_PROVIDERS: list[str] = [
    # dotted paths to functions (user) -> {"title", "items": [{"text", "href", "meta"}], "link"}
    "msht.worklist.home.my_work_panel",
    "msht.cases.home.my_cases_panel",
    "msht.victims.home.attention_panel",
    "msht.quality.home.my_reviews_panel",
    "msht.hub.home.whats_new_panel",
    "msht.advice.home.advice_panel",
    "msht.training.home.my_training_panel",
    "msht.people.home.people_panel",
    "msht.people.home.enquiries_panel",
    "msht.people.home.governance_actions_panel",
    "msht.international.home.international_panel",
    "msht.data_protection.home.retention_panel",
]


def home_panels(user) -> list[dict]:
    panels = []
    for path in PANEL_PROVIDERS:
        module_name = path.rsplit(".", 1)[0]
        if importlib.util.find_spec(module_name) is None:
            continue  # that feature has no home panel yet
        provider = import_string(path)
        try:
            panel = provider(user)
        except NoReverseMatch:
            continue
        if panel:
            panels.append(panel)
    return panels
