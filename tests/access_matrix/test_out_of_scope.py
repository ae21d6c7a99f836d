"""Another Area's records answer 404 to every role they are hidden from; never 403 or 5xx."""

import pytest
from django.test import Client

from msht.accounts.roles import Role
from tests.url_access import (
    World,
    declared,
    probe,
    url_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(user_for_role, client_for) -> dict[str, Client]:
    """One signed-in client per role; every Area-bound role is in LONDON-NORTH."""
    return {role: client_for(user_for_role(role)) for role in Role.values}


def test_records_of_another_area_look_missing_to_roles_they_are_hidden_from(clients):
    world = World.build()
    wrong = []
    checked = 0
    for route, access in declared():
        if access.record is None:
            continue
        url = url_for(route, access.record(world.other))
        reaching = access.reaching_roles()
        for role, client in clients.items():
            status = probe(client, access, url)
            checked += 1
            if role in reaching:
                if status == 403 or status >= 500:
                    wrong.append(f"{route} as {role}: {status}")
            elif status != 404:
                wrong.append(f"{route} as {role}: {status}, expected 404")
    assert not wrong, "\n".join(wrong)
    assert checked >= 30 * len(Role.values)
