"""The home page's "Your cases" panel."""

from django.urls import reverse

from msht.accounts import access
from msht.accounts.roles import Capability

from .selectors import my_open_cases


def my_cases_panel(user) -> dict | None:
    if not access.can(user, Capability.CASE_EDIT):
        return None
    items = [
        {
            "text": f"{case.urn_display}"
            + (f" (Operation {case.operation_name})" if case.operation_name else ""),
            "href": reverse("cases:detail", args=[case.pk]),
            "meta": f"{case.get_status_display()}, {case.area.name}",
        }
        for case in my_open_cases(user)
    ]
    return {
        "title": "Your open cases",
        "items": items,
        "empty": "No open cases are allocated to you.",
        "link": {"href": reverse("cases:list"), "text": "All cases you can see"},
    }
