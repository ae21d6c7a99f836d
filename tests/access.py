"""The role x object access matrix that every feature's tests reuse.

    assert_access_matrix(client_for, user_for_role, url, allowed={Role.PROSECUTOR, ...})

checks that each role in `allowed` gets 200 and every other role gets 404 (never 403: a
forbidden record looks like a missing one), and that a random id 404s for the allowed roles.
"""

from collections.abc import Callable, Iterable

from msht.accounts.roles import Role


def assert_access_matrix(
    client_for: Callable,
    user_for_role: Callable,
    url: str,
    *,
    allowed: Iterable[str],
    user_overrides: dict[str, dict] | None = None,
    method: str = "get",
) -> None:
    allowed = set(allowed)
    overrides = user_overrides or {}
    outcomes = {}
    for role in Role.values:
        client = client_for(user_for_role(role, **overrides.get(role, {})))
        response = getattr(client, method)(url)
        outcomes[role] = response.status_code
    expected = {role: (200 if role in allowed else 404) for role in Role.values}
    assert outcomes == expected, f"access matrix for {url}: got {outcomes}"
