"""Victims services: clear messages for bad input, no partial writes, audit without identity."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.victims import services
from msht.victims.models import (
    ApplicationStatus,
    EngagementEvent,
    InterpreterBooking,
    SpecialMeasureApplication,
    Victim,
)
from tests.cases.factories import make_case

from .factories import NAME, SECRETS, make_victim, today

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_victims_are_numbered_within_their_case_and_labelled_pseudonymously():
    case = make_case()
    first = make_victim(case=case)
    second = make_victim(
        case=case,
        identity=False,
        age_band="under_18",
        gender="male",
        nationality="VNM",
        is_victim=False,
    )
    other = make_victim()
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.label == "V1: adult, female, Albania"
    assert second.label == "V2: child, male, Vietnam"
    assert second.role_display == "Witness"


def test_adding_a_victim_is_audited_as_collection_without_personal_data():
    victim = make_victim()
    event = AuditEvent.objects.filter(object_type="victim", object_id=str(victim.pk)).get()
    assert event.operation == Operation.COLLECTION
    text = str(event.detail) + event.reason
    assert not any(secret in text for secret in SECRETS)


@pytest.mark.parametrize(
    ("fields", "key", "text"),
    [
        ({"nationality": "XXX"}, "nationality", "no nationality with the code 'XXX'"),
        ({"date_of_birth": date.today() + timedelta(days=3)}, "date_of_birth", "in the past"),
        ({"date_of_birth": date(1850, 1, 1)}, "date_of_birth", "after 1900"),
        ({"is_victim": False, "is_witness": False}, "is_victim", "victim, a witness or both"),
        ({"age_band": "ancient"}, "age_band", "Select an age band"),
    ],
)
def test_bad_victim_details_are_refused_with_a_clear_message_and_nothing_written(fields, key, text):
    case = make_case()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        make_victim(case=case, **fields)
    assert text in " ".join(messages(caught.value)[key])
    assert Victim.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_only_the_case_team_may_store_an_identity(user_for_role):
    case = make_case()
    analyst = user_for_role(Role.PERFORMANCE_MANAGER)
    with pytest.raises(PermissionDenied):
        make_victim(case=case, actor=analyst)
    # Pseudonymous details need no identity access.
    assert make_victim(case=case, actor=analyst, identity=False).number == 1
    outsider = user_for_role(Role.PROSECUTOR, area=None)
    with pytest.raises(PermissionDenied):
        make_victim(case=case, actor=outsider)


def test_reveal_needs_a_reason_and_records_a_consultation_with_it(user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(actor=prosecutor)
    with pytest.raises(ValidationError) as caught:
        services.victim_identity_reveal(actor=prosecutor, victim=victim, reason="  ")
    assert "Enter why you need" in messages(caught.value)["reason"][0]
    assert not AuditEvent.objects.filter(operation=Operation.CONSULTATION).exists()

    reason = "Preparing the witness warning letter for trial"
    identity = services.victim_identity_reveal(actor=prosecutor, victim=victim, reason=reason)
    assert identity["name"] == NAME
    assert identity["date_of_birth"] == date(1991, 7, 23)
    event = AuditEvent.objects.get(operation=Operation.CONSULTATION)
    assert (event.reason, event.object_type, event.actor_id) == (
        reason,
        "victim_identity",
        prosecutor.pk,
    )
    assert NAME not in str(event.detail)


@pytest.mark.parametrize(
    "role",
    sorted(set(Role.values) - {Role.PROSECUTOR, Role.PARALEGAL, Role.UNIT_HEAD, Role.CPS_DIRECT}),
)
def test_reveal_is_refused_outside_the_case_team(user_for_role, role):
    victim = make_victim()
    with pytest.raises(PermissionDenied):
        services.victim_identity_reveal(
            actor=user_for_role(role), victim=victim, reason="I would like to know who it is"
        )
    assert not AuditEvent.objects.filter(operation=Operation.CONSULTATION).exists()


def test_identity_update_replaces_the_token(user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(actor=prosecutor, identity=False)
    assert not Victim.objects.get(pk=victim.pk).identity_ciphertext
    services.victim_identity_update(actor=prosecutor, victim=victim, name="A New Name")
    identity = services.victim_identity_reveal(
        actor=prosecutor, victim=victim, reason="Checking the name was saved"
    )
    assert identity == {"name": "A New Name", "date_of_birth": None, "contact": ""}


# --- NRM ----------------------------------------------------------------------------------------


def test_nrm_decisions_are_recorded():
    victim = make_victim()
    t = today()
    services.nrm_record(
        actor=None,
        victim=victim,
        referred=True,
        referral_date=t - timedelta(days=200),
        first_responder="ngo",
        rg_decision="positive",
        rg_decision_date=t - timedelta(days=190),
        cg_decision="positive",
        cg_decision_date=t - timedelta(days=10),
        exploitation_types=["labour", "CRIMINAL"],
    )
    victim = Victim.objects.get(pk=victim.pk)
    assert victim.nrm_status == "Positive conclusive grounds decision"
    assert sorted(t.code for t in victim.exploitation_types.all()) == ["CRIMINAL", "LABOUR"]


@pytest.mark.parametrize(
    ("fields", "key", "text"),
    [
        (
            {
                "referral_date": date(2024, 5, 1),
                "rg_decision": "positive",
                "rg_decision_date": date(2024, 4, 1),
            },
            "rg_decision_date",
            "on or after the NRM referral date (1 May 2024)",
        ),
        (
            {
                "rg_decision": "negative",
                "rg_decision_date": date(2024, 5, 2),
                "cg_decision": "positive",
                "cg_decision_date": date(2024, 6, 1),
            },
            "cg_decision",
            "follows a positive reasonable grounds decision",
        ),
        (
            {
                "rg_decision": "positive",
                "rg_decision_date": date(2024, 5, 9),
                "cg_decision": "positive",
                "cg_decision_date": date(2024, 5, 3),
            },
            "cg_decision_date",
            "on or after the reasonable grounds decision date (9 May 2024)",
        ),
        ({"referral_date": date.today() + timedelta(days=1)}, "referral_date", "in the past"),
        ({"rg_decision": "positive"}, "rg_decision_date", "Enter the date"),
        ({"exploitation_types": ["SEXUAL", "NOPE"]}, "exploitation_types", "NOPE"),
        ({"first_responder": "martian"}, "first_responder", "first responder"),
        ({"referred": False}, "referred", "has not been referred"),
    ],
)
def test_bad_nrm_details_are_refused(fields, key, text):
    victim = make_victim()
    args = {"referred": True, "referral_date": date(2024, 5, 1), "first_responder": "police"}
    args.update(fields)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.nrm_record(actor=None, victim=victim, **args)
    assert text in " ".join(messages(caught.value)[key])
    assert not Victim.objects.get(pk=victim.pk).nrm_referred
    assert AuditEvent.objects.count() == before


# --- Special measures ---------------------------------------------------------------------------


def test_special_measure_applied_for_and_granted():
    victim = make_victim()
    application = services.special_measure_apply(
        actor=None, victim=victim, measure="pre_recorded_cross", applied_on=date(2024, 3, 1)
    )
    decided = services.special_measure_decide(
        actor=None, application=application, status="granted", decided_on=date(2024, 3, 14)
    )
    assert (decided.status, decided.decided_on) == ("granted", date(2024, 3, 14))


def test_a_decision_before_its_application_is_refused_clearly():
    victim = make_victim()
    application = services.special_measure_apply(
        actor=None, victim=victim, measure="screens", applied_on=date(2024, 3, 10)
    )
    with pytest.raises(ValidationError) as caught:
        services.special_measure_decide(
            actor=None, application=application, status="granted", decided_on=date(2024, 3, 9)
        )
    text = messages(caught.value)["decided_on"][0]
    assert "cannot come before the application" in text and "10 March 2024" in text
    assert SpecialMeasureApplication.objects.get().status == ApplicationStatus.APPLIED


def test_special_measure_rules():
    victim = make_victim()
    application = services.special_measure_apply(
        actor=None, victim=victim, measure="screens", applied_on=date(2024, 3, 10)
    )
    with pytest.raises(ValidationError) as caught:
        services.special_measure_apply(
            actor=None, victim=victim, measure="screens", applied_on=date(2024, 3, 11)
        )
    assert "already waiting for a decision" in messages(caught.value)["measure"][0]
    with pytest.raises(ValidationError) as caught:
        services.special_measure_apply(
            actor=None, victim=victim, measure="teleport", applied_on=date(2024, 3, 11)
        )
    assert "measure" in messages(caught.value)
    services.special_measure_decide(
        actor=None, application=application, status="refused", decided_on=date(2024, 3, 12)
    )
    with pytest.raises(ValidationError) as caught:
        services.special_measure_decide(
            actor=None, application=application, status="granted", decided_on=date(2024, 3, 13)
        )
    assert "already been decided (refused)" in messages(caught.value)["status"][0]


def test_poor_interview_needs_its_issues():
    victim = make_victim()
    with pytest.raises(ValidationError) as caught:
        services.video_interview_record(
            actor=None, victim=victim, interviewed_on=date(2024, 1, 5), quality="poor"
        )
    assert "issues" in messages(caught.value)
    interview = services.video_interview_record(
        actor=None,
        victim=victim,
        interviewed_on=date(2024, 1, 5),
        quality="poor",
        issues=["leading", "audio_video"],
    )
    assert interview.issue_labels == ["Leading or closed questions", "Poor sound or picture"]


# --- Interpreters and intermediaries ------------------------------------------------------------


@pytest.mark.parametrize("code", ["xx", "zzz", "klingon", "ALB!"])
def test_unknown_language_codes_are_refused(code):
    victim = make_victim()
    with pytest.raises(ValidationError) as caught:
        services.interpreter_request(
            actor=None,
            victim=victim,
            kind="interpreter",
            language=code,
            purpose="trial",
            requested_on=date(2024, 1, 5),
            needed_by=date(2024, 2, 5),
        )
    assert "There is no language with the code" in messages(caught.value)["language"][0]
    assert not InterpreterBooking.objects.exists()


def test_language_by_either_iso_code_and_intermediary_without_language():
    victim = make_victim()
    by_639_3 = services.interpreter_request(
        actor=None,
        victim=victim,
        kind="interpreter",
        language="sqi",
        purpose="trial",
        requested_on=date(2024, 1, 5),
        needed_by=date(2024, 2, 5),
    )
    by_639_1 = services.interpreter_request(
        actor=None,
        victim=victim,
        kind="interpreter",
        language="sq",
        purpose="trial",
        requested_on=date(2024, 1, 5),
        needed_by=date(2024, 2, 5),
    )
    assert by_639_3.language == by_639_1.language
    assert by_639_3.title == "Albanian interpreter"
    intermediary = services.interpreter_request(
        actor=None,
        victim=victim,
        kind="intermediary",
        purpose="interview",
        requested_on=date(2024, 1, 5),
        needed_by=date(2024, 1, 9),
    )
    assert intermediary.title == "Registered intermediary"
    with pytest.raises(ValidationError) as caught:
        services.interpreter_request(
            actor=None,
            victim=victim,
            kind="interpreter",
            purpose="trial",
            requested_on=date(2024, 1, 5),
            needed_by=date(2024, 2, 5),
        )
    assert "Select the language" in messages(caught.value)["language"][0]


def test_interpreter_dates_are_checked():
    victim = make_victim()
    with pytest.raises(ValidationError) as caught:
        services.interpreter_request(
            actor=None,
            victim=victim,
            kind="interpreter",
            language="ron",
            purpose="trial",
            requested_on=date(2024, 3, 5),
            needed_by=date(2024, 3, 1),
        )
    assert (
        "on or after the date of the request (5 March 2024)"
        in messages(caught.value)["needed_by"][0]
    )
    booking = services.interpreter_request(
        actor=None,
        victim=victim,
        kind="interpreter",
        language="ron",
        purpose="trial",
        requested_on=date(2024, 3, 5),
        needed_by=date(2024, 3, 20),
    )
    with pytest.raises(ValidationError) as caught:
        services.interpreter_book(actor=None, booking=booking, booked_on=date(2024, 3, 4))
    assert "on or after the date of the request" in messages(caught.value)["booked_on"][0]
    with pytest.raises(ValidationError) as caught:
        services.interpreter_book(actor=None, booking=booking, booked_on=date(2024, 3, 21))
    assert "on or before the date needed" in messages(caught.value)["booked_on"][0]
    services.interpreter_book(actor=None, booking=booking, booked_on=date(2024, 3, 18))
    assert InterpreterBooking.objects.get().lead_days == 2


def test_interpreter_outcome():
    victim = make_victim()
    booking = services.interpreter_request(
        actor=None,
        victim=victim,
        kind="interpreter",
        language="vie",
        purpose="trial",
        requested_on=today(),
        needed_by=today() + timedelta(days=3),
    )
    with pytest.raises(ValidationError) as caught:
        services.interpreter_outcome_record(
            actor=None, booking=booking, outcome="late", effect="adjourned"
        )
    assert "on or after the date it was needed" in messages(caught.value)["outcome"][0]
    past = services.interpreter_request(
        actor=None,
        victim=victim,
        kind="interpreter",
        language="vie",
        purpose="trial",
        requested_on=date(2024, 1, 2),
        needed_by=date(2024, 1, 20),
    )
    with pytest.raises(ValidationError) as caught:
        services.interpreter_outcome_record(
            actor=None, booking=past, outcome="provided", effect="vacated"
        )
    assert "effect" in messages(caught.value)
    done = services.interpreter_outcome_record(
        actor=None, booking=past, outcome="not_provided", effect="vacated"
    )
    assert (done.outcome, done.effect) == ("not_provided", "vacated")


# --- Engagement, review, letters ----------------------------------------------------------------


def test_withdrawal_needs_a_reason():
    victim = make_victim()
    with pytest.raises(ValidationError) as caught:
        services.engagement_record(
            actor=None, victim=victim, status="withdrawn", occurred_on=date(2024, 4, 1)
        )
    assert "why the victim withdrew" in messages(caught.value)["reason"][0]
    services.engagement_record(
        actor=None,
        victim=victim,
        status="withdrawn",
        occurred_on=date(2024, 4, 1),
        reason="fear",
        support_organisation="isva",
    )
    assert EngagementEvent.objects.get().get_reason_display().startswith("Fear of reprisals")


def test_review_outcome_before_request_is_refused():
    victim = make_victim()
    review = services.review_request_record(
        actor=None, victim=victim, decision_kind="discontinuance", requested_on=date(2024, 5, 6)
    )
    with pytest.raises(ValidationError) as caught:
        services.review_outcome_record(
            actor=None, review=review, outcome="upheld", outcome_on=date(2024, 5, 1)
        )
    assert (
        "on or after the date of the request (6 May 2024)"
        in messages(caught.value)["outcome_on"][0]
    )
    done = services.review_outcome_record(
        actor=None, review=review, outcome="overturned", outcome_on=date(2024, 6, 5)
    )
    assert done.days_taken == 30


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 5, 6), date(2024, 5, 6), 0),  # same day
        (date(2024, 5, 6), date(2024, 5, 7), 1),  # Monday -> Tuesday
        (date(2024, 5, 10), date(2024, 5, 13), 1),  # Friday -> Monday
        (date(2024, 5, 11), date(2024, 5, 12), 0),  # Saturday -> Sunday
        (date(2024, 5, 6), date(2024, 5, 20), 10),  # two weeks
        (date(2024, 5, 8), date(2024, 5, 23), 11),
    ],
)
def test_working_days(start, end, expected):
    assert services.working_days_between(start, end) == expected


def test_letters_are_timed_against_the_target(settings):
    victim = make_victim()
    witness = make_victim(is_victim=False, identity=False)
    on_time = services.decision_letter_record(
        actor=None,
        victim=victim,
        kind="no_charge",
        decision_on=date(2024, 5, 10),
        sent_on=date(2024, 5, 13),
    )
    assert (on_time.working_days_taken, on_time.target_working_days, on_time.within_target) == (
        1,
        1,
        True,
    )
    late = services.decision_letter_record(
        actor=None,
        victim=victim,
        kind="no_charge",
        decision_on=date(2024, 5, 10),
        sent_on=date(2024, 5, 15),
    )
    assert not late.within_target
    assert (
        services.decision_letter_record(
            actor=None,
            victim=witness,
            kind="other",
            decision_on=date(2024, 5, 10),
            sent_on=date(2024, 5, 15),
        ).target_working_days
        == 5
    )
    settings.VICTIM_LETTER_TARGET_WORKING_DAYS = 3
    assert services.letter_target_working_days(victim) == 3
    with pytest.raises(ValidationError) as caught:
        services.decision_letter_record(
            actor=None,
            victim=victim,
            kind="no_charge",
            decision_on=date(2024, 5, 10),
            sent_on=date(2024, 5, 9),
        )
    assert "on or after the date of the decision" in messages(caught.value)["sent_on"][0]


def test_trial_date_must_be_plausible():
    victim = make_victim()
    with pytest.raises(ValidationError):
        services.victim_trial_date_record(
            actor=None, victim=victim, trial_date=today() + timedelta(days=3000)
        )
    services.victim_trial_date_record(
        actor=None, victim=victim, trial_date=today() + timedelta(days=60)
    )
    assert Victim.objects.get(pk=victim.pk).trial_date == today() + timedelta(days=60)


def test_identity_update_refuses_an_empty_identity(user_for_role):
    prosecutor = user_for_role(Role.PROSECUTOR)
    victim = make_victim(actor=prosecutor)
    with pytest.raises(ValidationError) as caught:
        services.victim_identity_update(actor=prosecutor, victim=victim, name="  ")
    assert "at least one identifying detail" in messages(caught.value)["name"][0]
    assert Victim.objects.get(pk=victim.pk).identity_ciphertext
