"""Every page showing case, victim or person data leaves a consultation row (issue 13 item 5)."""

import pytest

from msht.accounts.roles import Role
from tests.url_access import World, consultations, declared, has_ids, url_for

pytestmark = pytest.mark.django_db

# Pages that show case, victim or person data but do not yet record their consultation. Each
# names the helper fixing it in this wave; the lead empties this after merging their branches.
# The walk fails if a page listed here starts recording, so the list can only shrink.
AUDIT_PENDING: dict[str, str] = {
    # A1 (cases): list reads (issue 13 item 5) and the edit forms, which show the case.
    "cases/allocation-compliance": "A1 cases",
    "cases/<int:pk>/edit": "A1 cases",
    "cases/<int:pk>/suspects/new": "A1 cases",
    "cases/<int:pk>/suspects/<int:did>/charges/new": "A1 cases",
    "cases/<int:pk>/suspects/<int:did>/sentence": "A1 cases",
    "cases/<int:pk>/charges/<int:cid>": "A1 cases",
    "cases/<int:pk>/s45/<int:did>": "A1 cases",
    "cases/<int:pk>/orders/new": "A1 cases",
    "cases/<int:pk>/milestones/<slug:kind>": "A1 cases",
    # B (victims, audit, quality): list reads and the edit forms, which show the victim.
    "quality/assessments/": "B quality (a reviewer's own list records nothing)",
}


def test_every_page_showing_personal_data_records_its_consultation(user_for_role, client_for):
    world = World.build()
    users = {role: user_for_role(role) for role in Role.values}
    clients = {role: client_for(user) for role, user in users.items()}
    missing: dict[str, list[str]] = {}
    seen = 0
    for route, access in declared():
        if not access.shows or access.method != "get":
            continue
        if has_ids(route):
            if access.record is None:
                continue
            url = url_for(route, access.record(world.own))
        else:
            url = url_for(route)
        for role in sorted(access.allowed_roles()):
            client = clients[role]
            before = consultations(users[role].pk)
            if client.get(url).status_code != 200:
                continue
            seen += 1
            if consultations(users[role].pk) == before:
                missing.setdefault(route, []).append(role)
    unexpected = {route: roles for route, roles in missing.items() if route not in AUDIT_PENDING}
    assert not unexpected, "pages shown without a consultation row:\n" + "\n".join(
        f"{route}: {roles}" for route, roles in unexpected.items()
    )
    fixed = sorted(set(AUDIT_PENDING) - set(missing))
    assert not fixed, (
        f"these pages now record their consultation; remove them from AUDIT_PENDING: {fixed}"
    )
    assert seen >= 30
