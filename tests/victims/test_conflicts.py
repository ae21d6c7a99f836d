"""Lost updates (issue 13 item 4): two people open the same form, both save; the second is refused.

Each test drives two signed-in clients through the real pages: both load the form (which carries
the person's version), the first saves, the second save is refused with the conflict message and
changes nothing. Runs on SQLite and PostgreSQL.
"""

import html
import re

import pytest
from django.urls import reverse

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent
from msht.victims.models import EngagementEvent, Victim
from tests.cases.factories import make_case

from .factories import make_victim, today

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved changes to this person's details after you opened this page"


def _version(response) -> str:
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the form carries the version it was built from"
    return match.group(1)


@pytest.fixture
def two_editors(client_for, user_for_role):
    first = user_for_role(Role.PROSECUTOR)
    second = user_for_role(Role.PARALEGAL, area=first.area)
    case = make_case(area_code=first.area.code)
    victim = make_victim(case=case, actor=first)
    return victim, client_for(first), client_for(second)


def _date(name: str, value) -> dict:
    return {f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year}


FORMS = {
    "victims:nrm": lambda: {"referred": "no"},
    "victims:identity": lambda: {"name": "A new name", "contact": ""},
    "victims:engagement": lambda: {"status": "engaged", **_date("occurred_on", today())},
    "victims:trial-date": lambda: _date("trial_date", today()),
    "victims:interpreter-request": lambda: {
        "kind": "interpreter",
        "language": "sqi",
        "purpose": "interview",
        **_date("requested_on", today()),
        **_date("needed_by", today()),
    },
}


@pytest.mark.parametrize("name", FORMS)
def test_a_stale_save_is_refused_with_a_clear_conflict(two_editors, name):
    victim, first, second = two_editors
    url = reverse(name, args=[victim.pk])
    first_version = _version(first.get(url))
    second_version = _version(second.get(url))
    assert first_version == second_version

    saved = first.post(url, {**FORMS[name](), "version": first_version})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    after_first = Victim.objects.get(pk=victim.pk)
    assert after_first.version == int(first_version) + 1
    events = AuditEvent.objects.count()

    refused = second.post(url, {**FORMS[name](), "version": second_version})
    assert refused.status_code == 400
    assert CONFLICT in html.unescape(refused.content.decode())
    assert Victim.objects.get(pk=victim.pk).version == after_first.version
    assert AuditEvent.objects.count() == events, "a refused save writes nothing"

    # Reloading the page gives the new version, and the save goes through.
    fresh = _version(second.get(url))
    assert second.post(url, {**FORMS[name](), "version": fresh}).status_code == 302


def test_the_second_engagement_record_from_a_stale_page_is_not_added(two_editors):
    victim, first, second = two_editors
    url = reverse("victims:engagement", args=[victim.pk])
    stale = _version(second.get(url))
    data = {"status": "engaged", **_date("occurred_on", today())}
    assert first.post(url, {**data, "version": _version(first.get(url))}).status_code == 302
    count = EngagementEvent.objects.filter(victim=victim).count()
    assert second.post(url, {**data, "version": stale}).status_code == 400
    assert EngagementEvent.objects.filter(victim=victim).count() == count


def test_a_tampered_version_is_a_form_error_not_a_500(two_editors):
    victim, first, _ = two_editors
    response = first.post(
        reverse("victims:nrm", args=[victim.pk]), {"referred": "no", "version": "x"}
    )
    assert response.status_code == 400
    assert "This page is out of date" in response.content.decode()
