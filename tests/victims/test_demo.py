"""The demo loader adds victims to some demo cases, once."""

import io

import pytest

from msht.victims.demo import load_demo_victims
from msht.victims.models import (
    EngagementEvent,
    InterpreterBooking,
    SpecialMeasureApplication,
    Victim,
)
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


def test_demo_victims_are_loaded_once():
    for area in ("LONDON-NORTH", "LONDON-NORTH", "LONDON-NORTH", "LONDON-NORTH", "LONDON-SOUTH"):
        make_case(area_code=area)
    load_demo_victims(io.StringIO())
    counts = (
        Victim.objects.count(),
        SpecialMeasureApplication.objects.count(),
        InterpreterBooking.objects.count(),
        EngagementEvent.objects.count(),
    )
    assert counts[0] == 8  # 3 cases in London North, 1 in London South, 2 people each
    assert Victim.objects.exclude(identity_ciphertext="").count() == 4
    assert Victim.objects.filter(rg_decision="positive").count() == 4
    out = io.StringIO()
    load_demo_victims(out)
    assert "0 added" in out.getvalue()
    assert (
        Victim.objects.count(),
        SpecialMeasureApplication.objects.count(),
        InterpreterBooking.objects.count(),
        EngagementEvent.objects.count(),
    ) == counts


def test_demo_without_cases_does_nothing():
    out = io.StringIO()
    load_demo_victims(out)
    assert Victim.objects.count() == 0
