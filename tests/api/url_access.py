"""URL access declarations for the read API (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from tests.url_access import EVERYONE, Access

URL_ACCESS = {
    "api/": Access(EVERYONE, ok=404, why="django-ninja's root has no page"),
    "api/openapi.json": Access(EVERYONE),
    "api/docs": Access(EVERYONE),
    "api/cases": Access(C.CASE_VIEW, shows="case"),
    "api/cases/<case_id>": Access(
        C.CASE_VIEW, record=lambda side: {"case_id": side.case.pk}, shows="case"
    ),
}
