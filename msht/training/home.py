"""The home page's "Your training" panel: what is due for the signed-in person."""

from django.urls import reverse

from msht.reference.dates import long_date

from .selectors import my_training

MAX_ITEMS = 5


def my_training_panel(user) -> dict | None:
    duties = my_training(user)["duties"]
    required = [duty for duty in duties if duty.spec.required]
    if not duties:
        return None
    attention = [d for d in required if d.status != "up_to_date" or d.expiring]
    attention.sort(key=lambda d: (d.status != "overdue", d.due_on or d.expires_on))
    items = []
    for duty in attention[:MAX_ITEMS]:
        if duty.status == "overdue":
            meta = f"Overdue since {long_date(duty.due_on)}"
        elif duty.status == "due":
            meta = f"Due by {long_date(duty.due_on)}"
        else:
            meta = f"Expires {long_date(duty.expires_on)}: take it again before then"
        items.append({"text": duty.spec.course, "href": reverse("training:mine"), "meta": meta})
    up_to_date = sum(1 for d in required if d.status == "up_to_date")
    empty = (
        f"Your required training is up to date ({up_to_date} of {len(required)} courses)."
        if required
        else "None of your courses is required; see the ones recommended for you."
    )
    return {
        "title": "Your training",
        "items": items,
        "empty": empty,
        "link": {"href": reverse("training:mine"), "text": "All your training"},
    }
