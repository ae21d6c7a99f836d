"""URL access declarations for the audit viewer (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from tests.url_access import Access

URL_ACCESS = {
    "audit/": Access(C.AUDIT_VIEW, shows="person", why="who did what to which case or victim"),
}
