"""Every URL pattern is declared in a tests/<app>/url_access.py table (see tests/url_access.py)."""

from tests.url_access import declarations, routes


def test_every_url_pattern_is_declared():
    found, table = set(routes()), declarations()
    undeclared = sorted(found - table.keys())
    assert not undeclared, (
        f"Declare these routes in tests/<app>/url_access.py (see tests/url_access.py): {undeclared}"
    )
    stale = sorted(table.keys() - found)
    assert not stale, f"Declared routes that no longer exist: {stale}"
    assert len(found) >= 100
