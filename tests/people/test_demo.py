"""The people demo loads every part once and changes nothing on a second run."""

import io

import pytest

from msht.people.demo import load_demo_people
from msht.people.models import Holding, LegalEnquiry, Meeting, MeetingAction
from msht.people.selectors.register import register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_shows_gaps():
    load_demo_people(io.StringIO())
    counts = [m.objects.count() for m in (Holding, LegalEnquiry, Meeting, MeetingAction)]
    assert counts[1] == 5 and counts[2] == 3
    load_demo_people(io.StringIO())
    assert [m.objects.count() for m in (Holding, LegalEnquiry, Meeting, MeetingAction)] == counts
    flags = {f.code for row in register(UserFactory(role="national_lead")) for f in row.flags}
    assert flags >= {"vacant", "no_deputy", "deputy_left", "ending_no_successor", "too_many_roles"}
