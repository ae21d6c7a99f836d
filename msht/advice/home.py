"""The home page's early investigative advice panel."""

from collections.abc import Iterable

from django.urls import reverse

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.reference.dates import long_date

from . import selectors
from .models import AdviceRequest


def advice_panel(user) -> dict | None:
    items: Iterable[AdviceRequest]
    if not access.can(user, Capability.ADVICE_VIEW):
        return None
    if access.can(user, Capability.ADVICE_REQUEST):
        items = selectors.advice_requests_for_list(user)[:5]
        title, empty = "Your force's early advice requests", "No requests yet."
        link = {"href": reverse("advice:new"), "text": "Request early advice"}
    elif access.can(user, Capability.CASE_ALLOCATE):
        items = selectors.awaiting_triage_for(user)
        title, empty = "Early advice requests to triage", "No requests are waiting for triage."
        link = {"href": reverse("advice:list"), "text": "All early advice requests"}
    elif access.can(user, Capability.CASE_EDIT):
        items = selectors.allocated_to(user)
        title, empty = "Early advice allocated to you", "No early advice is waiting for you."
        link = {"href": reverse("advice:list"), "text": "All early advice requests"}
    else:
        return None
    return {
        "title": title,
        "items": [
            {
                "text": f"Operation {item.operation_name}",
                "href": reverse("advice:detail", args=[item.pk]),
                "meta": f"{item.get_status_display()}, {item.police_force.name}, needed by "
                f"{long_date(item.requested_by_date)}",
            }
            for item in items
        ],
        "empty": empty,
        "link": link,
    }
