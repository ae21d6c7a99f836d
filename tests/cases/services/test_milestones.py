from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from msht.audit.models import AuditEvent, Operation
from msht.cases import services
from msht.cases.models import CaseEvent, CaseStatus
from msht.reference.models import FinalisationOutcome, UnsuccessfulReason

from ..factories import make_case, make_charged_case

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


def test_charge_before_referral_is_refused_naming_the_dates():
    case = make_case()
    case = services.police_referral_record(actor=None, case=case, referred_on=date(2024, 3, 3))
    with pytest.raises(ValidationError) as error:
        services.charging_decision_record(
            actor=None, case=case, decision="charge", decided_on=date(2024, 3, 1)
        )
    assert messages(error)["decided_on"] == [
        "Date of charge must be on or after the police referral date (3 March 2024)"
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.PRE_CHARGE and case.charge_date is None


def test_future_dates_are_refused():
    case = make_case()
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.police_referral_record(actor=None, case=case, referred_on=tomorrow)
    assert messages(error)["referred_on"] == ["Police referral date must be today or in the past"]


def test_finalisation_before_charge_is_refused():
    case = make_charged_case(charged=date(2024, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.finalisation_record(
            actor=None,
            case=case,
            finalised_on=date(2024, 2, 1),
            outcome=FinalisationOutcome.objects.get(code="GUILTY-PLEA"),
        )
    assert messages(error)["finalised_on"] == [
        "Date of finalisation must be on or after the date of charge (1 March 2024)"
    ]


def test_trial_before_first_hearing_is_refused():
    case = make_charged_case()
    case = services.first_hearing_record(actor=None, case=case, heard_on=date(2024, 4, 2))
    with pytest.raises(ValidationError) as error:
        services.trial_record(actor=None, case=case, trial_on=date(2024, 4, 1))
    assert "on or after the first hearing date (2 April 2024)" in messages(error)["trial_on"][0]


def test_changing_referral_after_advice_checks_the_later_date():
    case = make_case()
    case = services.police_referral_record(actor=None, case=case, referred_on=date(2024, 1, 5))
    case = services.advice_record(actor=None, case=case, requested_on=date(2024, 1, 10))
    with pytest.raises(ValidationError) as error:
        services.police_referral_record(actor=None, case=case, referred_on=date(2024, 1, 20))
    assert messages(error)["referred_on"] == [
        "Police referral date must be on or before the date advice was requested (10 January 2024)"
    ]


def test_advice_turnaround_is_computed(user_for_role):
    lawyer = user_for_role("prosecutor")
    case = make_case()
    case = services.police_referral_record(actor=None, case=case, referred_on=date(2024, 1, 5))
    case = services.advice_record(
        actor=None,
        case=case,
        requested_on=date(2024, 1, 10),
        given_on=date(2024, 1, 24),
        lawyer=lawyer,
    )
    assert case.advice_turnaround_days == 14
    event = case.events.get(kind=CaseEvent.Kind.ADVICE_GIVEN)
    assert event.details["turnaround_days"] == 14


def test_whole_lifecycle_to_conviction_records_events_and_audit():
    case = make_charged_case()
    case = services.first_hearing_record(actor=None, case=case, heard_on=date(2024, 3, 20))
    case = services.trial_record(actor=None, case=case, trial_on=date(2024, 9, 2))
    case = services.finalisation_record(
        actor=None,
        case=case,
        finalised_on=date(2024, 9, 20),
        outcome=FinalisationOutcome.objects.get(code="CONVICTED-AFTER-TRIAL"),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.FINALISED and case.outcome.code == "CONVICTED-AFTER-TRIAL"
    kinds = list(case.events.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "registered",
        "police_referral",
        "charging_decision",
        "first_hearing",
        "trial",
        "finalisation",
    ]
    assert (
        AuditEvent.objects.filter(
            object_type="case", object_id=str(case.pk), operation=Operation.ALTERATION
        ).count()
        == 5
    )


def test_unsuccessful_outcome_needs_a_reason():
    case = make_charged_case()
    acquittal = FinalisationOutcome.objects.get(code="ACQUITTED")
    with pytest.raises(ValidationError) as error:
        services.finalisation_record(
            actor=None, case=case, finalised_on=date(2024, 6, 1), outcome=acquittal
        )
    assert "unsuccessful_reason" in messages(error)
    case = services.finalisation_record(
        actor=None,
        case=case,
        finalised_on=date(2024, 6, 1),
        outcome=acquittal,
        unsuccessful_reason=UnsuccessfulReason.objects.get(code="VICTIM-RETRACTION"),
    )
    assert case.unsuccessful_reason.code == "VICTIM-RETRACTION"


def test_refused_transitions():
    case = make_case()
    with pytest.raises(ValidationError):
        services.finalisation_record(
            actor=None,
            case=case,
            finalised_on=date(2024, 6, 1),
            outcome=FinalisationOutcome.objects.get(code="GUILTY-PLEA"),
        )
    case = make_charged_case()
    with pytest.raises(ValidationError) as error:
        services.charging_decision_record(
            actor=None,
            case=case,
            decision="nfa_evidential",
            decided_on=date(2024, 3, 2),
            reasons="x",
        )
    assert "only be made on a pre-charge case" in messages(error)["decision"][0]


def test_refer_back_then_resubmission_then_nfa_then_reopen():
    case = make_case()
    case = services.police_referral_record(actor=None, case=case, referred_on=date(2024, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.charging_decision_record(
            actor=None,
            case=case,
            decision="refer_back",
            decided_on=date(2024, 1, 20),
            reasons="More needed",
        )
    assert "action_plan" in messages(error)
    case = services.charging_decision_record(
        actor=None,
        case=case,
        decision="refer_back",
        decided_on=date(2024, 1, 20),
        reasons="More needed",
        action_plan="Obtain phone downloads",
    )
    assert case.status == CaseStatus.REFERRED_BACK
    case = services.police_referral_record(actor=None, case=case, referred_on=date(2024, 2, 20))
    assert case.status == CaseStatus.PRE_CHARGE and case.referral_date == date(2024, 1, 5)
    case = services.charging_decision_record(
        actor=None,
        case=case,
        decision="nfa_public_interest",
        decided_on=date(2024, 3, 1),
        reasons="Suspect is a victim (s45)",
    )
    assert case.status == CaseStatus.NO_FURTHER_ACTION
    case = services.case_reopen(
        actor=None,
        case=case,
        reopened_on=date(2024, 4, 1),
        reason="Victim's right to review upheld",
    )
    assert case.status == CaseStatus.PRE_CHARGE


def test_stale_milestone_is_refused():
    case = make_case()
    services.case_update(actor=None, case=case, expected_version=1, victim_count=2)
    with pytest.raises(services.CaseConflict):
        services.police_referral_record(
            actor=None, case=case, referred_on=date(2024, 1, 1), expected_version=1
        )
