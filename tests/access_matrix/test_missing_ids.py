"""Ids that name nothing answer 404 to every role, on every pattern with ids."""

import pytest
from django.test import Client

from msht.accounts.roles import Role
from tests.url_access import (
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


def test_ids_that_name_nothing_look_missing_to_every_role(clients):
    wrong = []
    checked = 0
    for route, access in declared():
        if not has_ids(route):
            continue
        for role, client in clients.items():
            status = probe(client, access, url_for(route))
            checked += 1
            if status != 404:
                wrong.append(f"{route} as {role}: {status}")
    assert not wrong, "\n".join(wrong)
    assert checked >= 50 * len(Role.values)
