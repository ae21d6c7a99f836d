"""The people panels on the home page: resilience gaps, legal enquiries, governance actions."""

from django.urls import reverse

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.reference import dates

from .selectors import enquiries as enquiry_selectors
from .selectors import governance as governance_selectors
from .selectors import register as register_selectors

PANEL_SIZE = 5


def people_panel(user) -> dict | None:
    """Resilience gaps in the register, for the national lead and an Area's lead."""
    if not (
        access.can(user, Capability.PEOPLE_VIEW) or access.can(user, Capability.PEOPLE_VIEW_ALL)
    ):
        return None
    rows = register_selectors.register(user, flagged_only=True)
    return {
        "title": "Leads and deputies: gaps",
        "items": [
            {
                "text": row.post.title,
                "href": reverse("people:post", args=[row.post.pk]),
                "meta": "; ".join(flag.text for flag in row.flags),
            }
            for row in rows[:PANEL_SIZE]
        ],
        "empty": "Every role has a lead and a deputy.",
        "link": {
            "text": f"See all {len(rows)} roles with gaps" if rows else "See the register",
            "href": reverse("people:register") + ("?flagged=1" if rows else ""),
        },
    }


def enquiries_panel(user) -> dict | None:
    """The legal adviser's open enquiries, soonest due first; an asker's latest enquiries."""
    if access.can(user, Capability.ENQUIRY_ANSWER):
        enquiries = list(enquiry_selectors.enquiry_list(user, status="open")[:PANEL_SIZE])
        title, empty = "Legal enquiries waiting for an answer", "No enquiries are waiting."
    elif access.can(user, Capability.ENQUIRY_RAISE):
        enquiries = list(enquiry_selectors.enquiry_list(user)[:PANEL_SIZE])
        title, empty = "Your legal enquiries", "You have not raised a legal enquiry."
    else:
        return None
    today = dates.today()
    items = []
    for enquiry in enquiries:
        if enquiry.status == "answered":
            meta = f"Answered {dates.long_date(enquiry.answered_on)}"
        elif enquiry.due_on < today:
            meta = f"Overdue: was due {dates.long_date(enquiry.due_on)}"
        else:
            meta = f"Due {dates.long_date(enquiry.due_on)}"
        items.append(
            {
                "text": f"{enquiry.reference}: {enquiry.topic.name}",
                "href": reverse("people:enquiry", args=[enquiry.pk]),
                "meta": meta,
            }
        )
    link = (
        {"text": "Open the enquiries queue", "href": reverse("people:enquiries")}
        if access.can(user, Capability.ENQUIRY_ANSWER)
        else {"text": "Ask the national legal lead", "href": reverse("people:enquiry-new")}
    )
    return {"title": title, "items": items, "empty": empty, "link": link}


def governance_actions_panel(user) -> dict | None:
    """Governance actions the user owns that are not done, overdue first; none: no panel."""
    actions = list(
        governance_selectors.actions_owned_by(user).filter(completed_on__isnull=True)[:PANEL_SIZE]
    )
    if not actions:
        return None
    today = dates.today()
    return {
        "title": "Your governance actions",
        "items": [
            {
                "text": action.description[:120],
                "href": reverse("people:meeting", args=[action.meeting_id]),
                "meta": (
                    f"Overdue: was due {dates.long_date(action.due_on)}"
                    if action.due_on < today
                    else f"Due {dates.long_date(action.due_on)}"
                )
                + f" ({action.meeting.title})",
            }
            for action in actions
        ],
        "link": {"text": "See all your actions", "href": reverse("people:my-actions")},
    }
