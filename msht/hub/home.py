"""The hub's panel on the home page: what has been published lately."""

from django.urls import reverse

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.web.jinja import format_date

from .selectors import items_whats_new

PANEL_SIZE = 5


def whats_new_panel(user) -> dict | None:
    if not access.can(user, Capability.HUB_READ):
        return None
    items = items_whats_new(user=user, days=90, limit=PANEL_SIZE)
    return {
        "title": "New in the casework hub",
        "items": [
            {
                "text": item.title,
                "href": reverse("hub:item", args=[item.pk]),
                "meta": f"{item.get_kind_display()}, published {format_date(item.published_at)}",
            }
            for item in items
        ],
        "empty": "Nothing new in the last 90 days.",
        "link": {"text": "Search the casework hub", "href": reverse("hub:home")},
    }
