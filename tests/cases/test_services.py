from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from msht.audit.models import AuditEvent, Operation
from msht.cases import services
from msht.cases.models import AllocationRule, Case, CaseEvent, CaseStatus, Charge
from msht.cases.urn import urn_normalise, urn_parse
from msht.reference.models import FinalisationOutcome, Unit, UnsuccessfulReason

from .factories import make_case, make_charged_case, next_urn, offence

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


# --- URNs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["01YE0123424", "01 ye 01234 24", "01/YE/01234/24", " 01-ye-01234/24 "]
)
def test_urn_is_normalised(typed):
    assert urn_normalise(typed) == "01YE0123424"
    assert str(urn_parse(typed)) == "01YE0123424"


@pytest.mark.parametrize("typed", ["", "1YE0123424", "01Y10123424", "01YE012342", "01YE01234245"])
def test_malformed_urn_is_refused(typed):
    with pytest.raises(ValidationError):
        urn_parse(typed)


def test_case_create_stores_normalised_urn_and_derives_force_and_area(user_for_role):
    user = user_for_role("prosecutor")
    case = make_case(actor=user, urn="46 kx 00007/23")
    assert case.urn == "46KX0000723"
    assert case.police_force.code == "46"
    assert case.area.code == "SOUTH-EAST"
    assert case.status == CaseStatus.PRE_CHARGE and case.version == 1
    event = AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).first()
    assert event.operation == Operation.COLLECTION and event.actor_id == user.pk


def test_unknown_force_code_is_refused():
    with pytest.raises(ValidationError) as error:
        make_case(urn="99YE0000124")
    assert "99, which is not a police force code" in messages(error)["urn"][0]


def test_duplicate_urn_is_refused_with_a_clear_message():
    make_case(urn="01YE0000124")
    with pytest.raises(ValidationError) as error:
        make_case(urn="01 ye 00001 24")
    assert messages(error)["urn"] == ["A case with URN 01 YE 00001 24 already exists"]
    assert Case.objects.count() == 1


def test_force_not_matching_the_urn_is_refused():
    from msht.reference.models import PoliceForce

    with pytest.raises(ValidationError) as error:
        make_case(urn=next_urn("01"), police_force=PoliceForce.objects.get(code="46"))
    assert (
        "must be Metropolitan Police Service, not Kent Police" in messages(error)["police_force"][0]
    )


def test_force_without_area_needs_an_area():
    with pytest.raises(ValidationError) as error:
        make_case(force="93")
    assert "area" in messages(error)
    assert make_case(force="93", area_code="LONDON-SOUTH").area.code == "LONDON-SOUTH"


# --- Milestones and dates ----------------------------------------------------------------------


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


# --- Optimistic locking ------------------------------------------------------------------------


def test_stale_save_is_refused_and_nothing_is_overwritten():
    case = make_case(operation_name="Alpha")
    seen_version = case.version
    services.case_update(
        actor=None, case=case, expected_version=seen_version, operation_name="Bravo"
    )
    with pytest.raises(services.CaseConflict) as error:
        services.case_update(
            actor=None, case=case, expected_version=seen_version, operation_name="Charlie"
        )
    assert "Someone else saved changes to this case" in error.value.messages[0]
    case.refresh_from_db()
    assert case.operation_name == "Bravo" and case.version == seen_version + 1


def test_stale_milestone_is_refused():
    case = make_case()
    services.case_update(actor=None, case=case, expected_version=1, victim_count=2)
    with pytest.raises(services.CaseConflict):
        services.police_referral_record(
            actor=None, case=case, referred_on=date(2024, 1, 1), expected_version=1
        )


# --- Allocation --------------------------------------------------------------------------------


def test_recommendation_follows_the_rules_with_reasons():
    sexual = make_case(exploitation_codes=["SEXUAL"])
    assert sexual.recommended_unit.code == "RASSO"
    assert sexual.recommendation_reasons == [
        "Sexual exploitation: rape and serious sexual offences unit."
    ]
    big = make_case(victim_count=5, organised_crime_group=True)
    assert big.recommended_unit.code == "CCU"
    assert len(big.recommendation_reasons) == 2
    jit = make_case(joint_investigation_team=True, international=True)
    assert jit.recommended_unit.code == "HQ"
    plain = make_case()
    assert plain.recommended_unit.code == "CROWN"
    assert plain.recommendation_reasons == ["No complex casework criterion met: Crown Court unit."]


def test_editing_the_facts_updates_the_recommendation():
    case = make_case()
    case = services.case_update(
        actor=None, case=case, expected_version=case.version, suspect_count=4
    )
    assert case.recommended_unit.code == "CCU"


def test_rules_are_data(user_for_role):
    lead = user_for_role("national_lead")
    rule = AllocationRule.objects.get(field="victim_count")
    services.allocation_rule_save(
        actor=lead,
        rule=rule,
        name=rule.name,
        field_name="victim_count",
        operator="at_least",
        value="10",
        recommended_unit=rule.recommended_unit,
        priority=rule.priority,
        reason=rule.reason,
    )
    assert make_case(victim_count=5).recommended_unit.code == "CROWN"
    with pytest.raises(ValidationError) as error:
        services.allocation_rule_save(
            actor=lead,
            name="x",
            field_name="victim_count",
            operator="is_true",
            value="",
            recommended_unit=Unit.objects.get(code="CCU"),
            priority=1,
            reason="x",
        )
    assert set(messages(error)) == {"operator", "value"}


def test_allocation_away_from_recommendation_needs_reason(user_for_role):
    head = user_for_role("unit_head")
    lawyer = user_for_role("prosecutor")
    case = make_case(exploitation_codes=["SEXUAL"])
    crown = Unit.objects.get(code="CROWN")
    with pytest.raises(ValidationError) as error:
        services.case_allocate(actor=head, case=case, expected_version=case.version, unit=crown)
    assert messages(error)["reason"] == [
        "Explain why the case is allocated to the crown court unit and not the recommended "
        "rape and serious sexual offences unit"
    ]
    case = services.case_allocate(
        actor=head,
        case=case,
        expected_version=case.version,
        unit=crown,
        lawyer=lawyer,
        reason="RASSO unit at capacity",
    )
    assert case.allocation_differs and case.lawyer == lawyer


def test_lawyer_from_another_area_is_refused(user_for_role):
    from msht.reference.models import Area

    other = user_for_role("prosecutor", area=Area.objects.get(code="WESSEX"))
    case = make_case()
    with pytest.raises(ValidationError) as error:
        services.case_allocate(
            actor=None, case=case, expected_version=None, unit=case.recommended_unit, lawyer=other
        )
    assert "lawyer" in messages(error)


# --- Defendants, s45, orders -------------------------------------------------------------------


def test_defendants_charges_pleas_and_sentence():
    case = make_charged_case()
    d1 = services.defendant_add(
        actor=None, case=case, reference="d1", age_band="25_34", gender="male"
    )
    assert d1.reference == "D1"
    with pytest.raises(ValidationError):
        services.defendant_add(actor=None, case=case, reference="D1")
    charge = services.charge_add(
        actor=None, defendant=d1, offence=offence("MSA-S2"), charged_on=date(2024, 3, 1)
    )
    assert charge.is_principal
    case.refresh_from_db()
    assert case.principal_offence.code == "MSA-S2"
    with pytest.raises(ValidationError) as error:
        services.charge_add(
            actor=None, defendant=d1, offence=offence("MSA-S1"), charged_on=date(2024, 2, 1)
        )
    assert (
        "on or after the case's charging decision date (1 March 2024)"
        in (messages(error)["charged_on"][0])
    )
    with pytest.raises(ValidationError):
        services.sentence_record(
            actor=None,
            defendant=d1,
            kind="immediate_custody",
            custody_months=60,
            sentenced_on=date(2024, 6, 1),
        )
    services.charge_result_record(
        actor=None,
        charge=charge,
        plea="guilty",
        plea_on=date(2024, 5, 1),
        verdict="convicted",
        verdict_on=date(2024, 5, 1),
    )
    sentence = services.sentence_record(
        actor=None,
        defendant=d1,
        kind="immediate_custody",
        custody_months=60,
        sentenced_on=date(2024, 6, 1),
    )
    assert sentence.custody_months == 60
    assert Charge.objects.get(pk=charge.pk).verdict == "convicted"


def test_s45_screening_rules():
    case = make_case()
    suspect = services.defendant_add(actor=None, case=case, reference="S1")
    with pytest.raises(ValidationError) as error:
        services.s45_screening_record(
            actor=None,
            defendant=suspect,
            indicator_screen="indicators",
            indicators=[],
            screened_on=date(2024, 1, 2),
            nrm_status="rg_positive",
            nrm_referred_on=date(2024, 1, 3),
            s45_result="not_in_public_interest",
            s45_considered_on=date(2024, 2, 1),
        )
    assert set(messages(error)) == {"indicators", "nrm_decision_on", "s45_rationale"}
    suspect = services.s45_screening_record(
        actor=None,
        defendant=suspect,
        indicator_screen="indicators",
        indicators=["debt", "controlled"],
        screened_on=date(2024, 1, 2),
        nrm_status="rg_positive",
        nrm_referred_on=date(2024, 1, 3),
        nrm_decision_on=date(2024, 1, 8),
        s45_result="not_in_public_interest",
        s45_considered_on=date(2024, 2, 1),
        s45_rationale="Compelled to deal drugs by the principal suspect.",
    )
    suspect.refresh_from_db()
    assert suspect.indicators == ["debt", "controlled"] and suspect.nrm_status == "rg_positive"


def test_risk_order_before_charge_but_not_prevention_order():
    case = make_case()
    order = services.order_record(
        actor=None,
        case=case,
        kind="risk",
        result="made",
        applied_on=date(2024, 1, 2),
        decided_on=date(2024, 1, 9),
        duration_months=24,
    )
    assert order.before_charge
    with pytest.raises(ValidationError) as error:
        services.order_record(
            actor=None, case=case, kind="prevention", result="applied", applied_on=date(2024, 1, 2)
        )
    assert "Only a risk order" in messages(error)["kind"][0]
    with pytest.raises(ValidationError) as error:
        services.order_record(
            actor=None,
            case=case,
            kind="risk",
            result="made",
            applied_on=date(2024, 1, 2),
            decided_on=date(2024, 1, 9),
            duration_months=12,
        )
    assert "at least 2 years" in messages(error)["duration_months"][0]
