from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from msht.cases.demo import load_demo_cases
from msht.cases.models import Case, CaseEvent, Charge, Defendant
from msht.cases.seed import seed_cases
from msht.cases.urn import URN_PATTERN

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 30)


def _snapshot():
    return list(
        Case.objects.order_by("id").values_list(
            "urn",
            "status",
            "referral_date",
            "charge_date",
            "finalised_date",
            "outcome_id",
            "unit_id",
            "recommended_unit_id",
        )
    )


def test_seed_is_deterministic_and_consistent():
    result = seed_cases(cases=400, seed=7, today=TODAY, batch_size=150)
    first = _snapshot()
    assert len(first) == 400 and result.events == CaseEvent.objects.count()
    assert result.events >= 400 * 5
    assert Defendant.objects.count() == result.defendants
    assert Charge.objects.count() == result.charges
    Case.objects.all().delete()
    seed_cases(cases=400, seed=7, today=TODAY, batch_size=150)
    assert _snapshot() == first
    Case.objects.all().delete()
    seed_cases(cases=400, seed=8, today=TODAY)
    assert _snapshot() != first


def test_seeded_cases_obey_the_rules():
    seed_cases(cases=500, seed=3, today=TODAY)
    for case in Case.objects.select_related("outcome"):
        assert URN_PATTERN.match(case.urn)
        assert date(2015, 1, 1) <= case.referral_date <= TODAY
        if case.charge_date:
            assert case.charge_date >= case.referral_date
        if case.first_hearing_date:
            assert case.first_hearing_date >= case.charge_date
        if case.trial_date:
            assert case.trial_date >= case.first_hearing_date
        if case.finalised_date:
            assert case.finalised_date >= (case.trial_date or case.first_hearing_date)
            assert case.finalised_date <= TODAY
            assert case.outcome.is_conviction == (case.unsuccessful_reason_id is None)
        assert case.exploitation_types.exists()
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"finalised", "no_further_action", "in_court"} <= statuses
    assert Case.objects.filter(area__code="CPS-DIRECT").count() == 0


def test_seed_command_refuses_a_register_with_cases():
    out = StringIO()
    call_command("seed", "--cases", "50", "--seed", "1", stdout=out)
    assert "50 cases" in out.getvalue() and "published rate" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("seed", "--cases", "50", stdout=out)
    call_command("seed", "--cases", "50", "--append", stdout=out)
    assert Case.objects.count() == 100
    with pytest.raises(CommandError):
        call_command("seed", "--cases", "0", "--append", stdout=out)


def test_demo_loads_once():
    import msht.cases.demo as demo

    demo.DEMO_CASES, original = 120, demo.DEMO_CASES
    try:
        out = StringIO()
        load_demo_cases(out)
        load_demo_cases(out)
    finally:
        demo.DEMO_CASES = original
    assert Case.objects.count() == 120
    assert "already loaded" in out.getvalue()
