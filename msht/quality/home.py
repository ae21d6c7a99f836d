"""The home page's "Your quality reviews" panel."""

from django.urls import reverse

from msht.accounts import access
from msht.accounts.roles import Capability

from .selectors import awaiting_sign_off, my_open_reviews


def my_reviews_panel(user) -> dict | None:
    can_review = access.can(user, Capability.QUALITY_REVIEW)
    can_sign_off = access.can(user, Capability.QUALITY_SIGN_OFF)
    if not (can_review or can_sign_off):
        return None
    items = []
    if can_review:
        items += [
            {
                "text": f"{a.case.urn_display}: {a.template_version.template.name}",
                "href": reverse("quality:assessment", args=[a.pk]),
                "meta": f"{a.get_status_display()}, due {a.due_date:%-d %B %Y}",
            }
            for a in my_open_reviews(user, limit=5)
        ]
    if can_sign_off:
        items += [
            {
                "text": f"{a.case.urn_display}: ready for sign-off",
                "href": reverse("quality:assessment", args=[a.pk]),
                "meta": f"Reviewed by {a.reviewer.full_name}",
            }
            for a in awaiting_sign_off(user)[:5]
        ]
    return {
        "title": "Your quality reviews",
        "items": items,
        "empty": "No quality reviews are waiting for you.",
        "link": {"href": reverse("quality:home"), "text": "Quality assurance"},
    }
