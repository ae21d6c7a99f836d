"""The home page's "Victims needing attention" panel (contract in msht/web/home.py)."""

from django.urls import reverse

from msht.accounts import access
from msht.accounts.roles import Capability

from .selectors import needs_attention

PANEL_SIZE = 5


def attention_panel(user) -> dict | None:
    if not access.can(user, Capability.VICTIM_EDIT):
        return None
    items = needs_attention(user)
    return {
        "title": "Victims needing attention",
        "items": [
            {"text": f"{item.case_urn}: {item.victim_label}", "href": item.href, "meta": item.text}
            for item in items[:PANEL_SIZE]
        ],
        "empty": "No victim or witness in your cases needs attention.",
        "link": {
            "href": reverse("victims:attention"),
            "text": f"All {len(items)} items needing attention"
            if items
            else "Victims needing attention",
        },
    }
