"""Roles outside the case team never receive identifying fields: every victims page, every role.

The walk covers every URL pattern of the victims app (a new page without a place here fails the
test), the home page's panel, the reveal form's POST, and a form re-shown with errors.
"""

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from tests.cases.factories import make_case

from .factories import NAME, SECRETS, make_full_victim

pytestmark = pytest.mark.django_db

CASE_TEAM = {Role.PROSECUTOR, Role.PARALEGAL, Role.UNIT_HEAD, Role.CPS_DIRECT}


def victims_urls(case, victim, records) -> dict[str, str]:
    by_kind = {
        "case": case.pk,
        "add": case.pk,
        "special-measure-decide": records["application"].pk,
        "interpreter-book": records["booking"].pk,
        "interpreter-outcome": records["booking"].pk,
        "review-outcome": records["review"].pk,
    }
    names = [
        name
        for name in get_resolver().namespace_dict["victims"][1].reverse_dict
        if isinstance(name, str)
    ]
    urls = {}
    for name in names:
        if name == "attention":
            urls[name] = reverse("victims:attention")
        else:
            urls[name] = reverse(f"victims:{name}", args=[by_kind.get(name, victim.pk)])
    return urls


def assert_no_identity(content: bytes, where: str) -> None:
    text = content.decode()
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"{where} shows {leaked}"


@pytest.mark.parametrize("role", Role.values)
def test_no_page_gives_identity_to_anyone_without_a_reason(role, user_for_role, client_for):
    case = make_case(area_code="LONDON-NORTH")
    victim, records = make_full_victim(case=case)
    urls = victims_urls(case, victim, records)
    assert len(urls) == 17, sorted(urls)  # every page of the app is walked
    client = client_for(user_for_role(role))

    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        assert_no_identity(response.content, f"GET {name} as {role}")
        # A form sent back with errors re-renders the page: still no identity.
        if name != "reveal":
            response = client.post(url, {"nonsense": "1"})
            assert response.status_code in (302, 400, 404, 405), (name, response.status_code)
            assert_no_identity(response.content, f"POST {name} as {role}")

    assert_no_identity(client.get("/").content, f"home page as {role}")

    response = client.post(urls["reveal"], {"reason": "Preparing the trial witness list"})
    consultations = AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="victim_identity"
    )
    if role in CASE_TEAM:
        # The positive control: the same walk does find the name when it is there.
        assert response.status_code == 200
        assert NAME in response.content.decode()
        assert consultations.get().reason == "Preparing the trial witness list"
    else:
        assert response.status_code == 404
        assert_no_identity(response.content, f"POST reveal as {role}")
        assert not consultations.exists()


def _other_outputs(case, role) -> list[tuple[str, str, dict | None]]:
    """Exports and API responses that carry case or victim data (built by other features).

    The single case export may include identities for the case team when they ask for them
    (through victim_identity_reveal, audited); anyone else asking must get none."""
    outputs = [("get", f"/api/cases/{case.pk}", None), ("get", "/api/cases", None)]
    disclosure = {"recipient": "Data collaborative", "purpose": "Research on victim support"}
    ask = {} if role in CASE_TEAM else {"include_identities": "on"}
    for name, args, extra in (
        ("interchange:htcds", [], {}),
        ("interchange:export", [], {"file_format": "csv"}),
        ("interchange:case-export", [case.pk], {"file_format": "csv", **ask}),
    ):
        try:
            outputs.append(("post", reverse(name, args=args), {**disclosure, **extra}))
        except NoReverseMatch:
            continue
    return outputs


@pytest.mark.parametrize("role", Role.values)
def test_no_export_or_api_response_carries_an_identity(role, user_for_role, client_for):
    case = make_case(area_code="LONDON-NORTH")
    for _ in range(12):  # enough people that an anonymised release is not empty
        make_full_victim(case=case)
    client = client_for(user_for_role(role))
    for method, url, data in _other_outputs(case, role):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code < 500, (url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert_no_identity(body.replace(b"\x00", b""), f"{method.upper()} {url} as {role}")
