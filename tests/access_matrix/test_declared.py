"""Every URL pattern is declared in a tests/<app>/url_access.py table (see tests/url_access.py)."""

from tests.url_access import declarations, routes

# Apps built at the same time as these tables (1 December 2026). Each has its own role x page
# matrix in tests/<app>/test_views.py; moving them into tables here is still to do (issue 11
# item 8). Only these prefixes may be undeclared; any other new route fails.
NOT_YET_DECLARED = (
    "people/",
    "training/",
    "international/",
    "advice/",
    "account/users/new",
    "api/partner/",
)


def test_every_url_pattern_is_declared():
    found, table = set(routes()), declarations()
    undeclared = sorted(
        route for route in found - table.keys() if not route.startswith(NOT_YET_DECLARED)
    )
    assert not undeclared, (
        f"Declare these routes in tests/<app>/url_access.py (see tests/url_access.py): {undeclared}"
    )
    stale = sorted(table.keys() - found)
    assert not stale, f"Declared routes that no longer exist: {stale}"
    assert len(found) >= 100
