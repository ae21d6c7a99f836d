"""URL access declarations for the web shell (see tests/url_access.py)."""

from tests.url_access import EVERYONE, Access

URL_ACCESS = {
    "": Access(EVERYONE),
    "healthz": Access(EVERYONE),
    "accessibility": Access(EVERYONE),
    "privacy": Access(EVERYONE),
    "favicon.ico": Access(EVERYONE, ok=301, why="a permanent redirect to the GOV.UK icon"),
}
