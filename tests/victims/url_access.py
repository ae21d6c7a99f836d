"""URL access declarations for victims and witnesses (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from tests.url_access import Access


def _victim(side):
    return {"pk": side.victim.pk}


def _edit(record=_victim, **kwargs) -> Access:
    return Access(C.VICTIM_EDIT, record=record, shows="victim", **kwargs)


URL_ACCESS = {
    "victims/": Access(C.CASE_VIEW, shows="victim"),
    "victims/case/<int:pk>/": Access(
        C.CASE_VIEW, record=lambda side: {"pk": side.case.pk}, shows="victim"
    ),
    "victims/case/<int:pk>/add/": Access(C.VICTIM_EDIT, record=lambda side: {"pk": side.case.pk}),
    "victims/<int:pk>/reveal/": Access(
        C.VICTIM_IDENTITY_VIEW, record=_victim, why="GET asks for a reason; the POST reveals"
    ),
    "victims/<int:pk>/identity/": _edit(),
    "victims/<int:pk>/nrm/": _edit(),
    "victims/<int:pk>/special-measures/": _edit(),
    "victims/special-measures/<int:pk>/decision/": _edit(lambda side: {"pk": side.application.pk}),
    "victims/<int:pk>/trial-date/": _edit(),
    "victims/<int:pk>/interviews/": _edit(),
    "victims/<int:pk>/interpreters/": _edit(),
    "victims/interpreters/<int:pk>/booking/": _edit(lambda side: {"pk": side.booking.pk}),
    "victims/interpreters/<int:pk>/outcome/": _edit(lambda side: {"pk": side.booking.pk}),
    "victims/<int:pk>/engagement/": _edit(),
    "victims/<int:pk>/reviews/": _edit(),
    "victims/reviews/<int:pk>/outcome/": _edit(lambda side: {"pk": side.review.pk}),
    "victims/<int:pk>/letters/": _edit(),
}
