"""Pages without ids answer only the roles whose capabilities allow them; others get 404."""

import pytest
from django.test import Client

from msht.accounts.roles import Role
from tests.url_access import (
    World,
    declared,
    has_ids,
    probe,
    url_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(user_for_role, client_for) -> dict[str, Client]:
    """One signed-in client per role; every Area-bound role is in LONDON-NORTH."""
    return {role: client_for(user_for_role(role)) for role in Role.values}


def test_pages_without_ids_answer_only_the_roles_that_may_use_them(clients):
    World.build()  # lists have something to show
    wrong = []
    checked = 0
    for route, access in declared():
        if has_ids(route):
            continue
        allowed = access.allowed_roles()
        for role, client in clients.items():
            expected = access.ok if role in allowed else 404
            status = probe(client, access, url_for(route))
            checked += 1
            if status != expected:
                wrong.append(f"{route} as {role}: {status}, expected {expected}")
    assert not wrong, "\n".join(wrong)
    assert checked >= 40 * len(Role.values)
