"""The international team's home panel: outstanding MLA requests, longest wait first."""

from django.urls import reverse

from msht.accounts import access
from msht.reference.dates import today

from . import figures, selectors


def international_panel(user) -> dict | None:
    if not access.international_sees_nationally(user):
        return None
    outstanding = figures.mla_outstanding(selectors.mla_visible_to(user), as_at=today())
    items = [
        {
            "text": f"{row.request.get_direction_display().split(' (')[0]} request, "
            f"{row.request.country.name}",
            "href": reverse("international:record", args=["mla", row.request.pk]),
            "meta": f"{row.working_days} working days since it was sent",
        }
        for row in outstanding[:5]
    ]
    return {
        "title": "Outstanding mutual legal assistance requests",
        "items": items,
        "empty": "No requests are outstanding.",
        "link": {"text": "International work", "href": reverse("international:dashboard")},
    }
