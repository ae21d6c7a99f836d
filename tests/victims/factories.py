"""Victims are made through the services, as users make them."""

from datetime import date, timedelta

from django.utils import timezone

from msht.victims import services
from tests.cases.factories import make_case

NAME = "Zelmira Quintavalle-Okonkwo"
DOB = date(1991, 7, 23)
CONTACT = "Flat 9, Larkspur Mews, telephone 07700 900461"
# Every way the identity could show on a page.
SECRETS = [
    NAME,
    "Zelmira",
    "Quintavalle",
    "1991-07-23",
    "23 July 1991",
    "23/07/1991",
    "Larkspur",
    "07700 900461",
]


def today() -> date:
    return timezone.localdate()


def make_victim(*, case=None, actor=None, identity: bool = True, **fields):
    case = case or make_case()
    defaults = {
        "is_victim": True,
        "is_witness": True,
        "age_band": "25_34",
        "gender": "female",
        "nationality": "ALB",
    }
    if identity:
        defaults.update(name=NAME, date_of_birth=DOB, contact=CONTACT)
    defaults.update(fields)
    return services.victim_add(actor=actor, case=case, **defaults)


def make_full_victim(*, case=None, actor=None):
    """A victim with a record of every kind, so every page and action has something to show."""
    victim = make_victim(case=case, actor=actor)
    t = today()
    services.nrm_record(
        actor=actor,
        victim=victim,
        referred=True,
        referral_date=t - timedelta(days=100),
        first_responder="police",
        rg_decision="positive",
        rg_decision_date=t - timedelta(days=95),
        exploitation_types=["SEXUAL"],
    )
    application = services.special_measure_apply(
        actor=actor, victim=victim, measure="screens", applied_on=t - timedelta(days=30)
    )
    services.special_measure_apply(
        actor=actor, victim=victim, measure="live_link", applied_on=t - timedelta(days=30)
    )
    services.victim_trial_date_record(actor=actor, victim=victim, trial_date=t + timedelta(days=30))
    services.video_interview_record(
        actor=actor,
        victim=victim,
        interviewed_on=t - timedelta(days=90),
        quality="poor",
        issues=["leading"],
    )
    booking = services.interpreter_request(
        actor=actor,
        victim=victim,
        kind="interpreter",
        language="sqi",
        purpose="trial",
        requested_on=t - timedelta(days=5),
        needed_by=t + timedelta(days=10),
    )
    services.engagement_record(
        actor=actor,
        victim=victim,
        status="wavering",
        occurred_on=t - timedelta(days=2),
        reason="fear",
        support_organisation="msvcc",
    )
    review = services.review_request_record(
        actor=actor, victim=victim, decision_kind="no_charge", requested_on=t - timedelta(days=20)
    )
    services.decision_letter_record(
        actor=actor,
        victim=victim,
        kind="no_charge",
        decision_on=t - timedelta(days=25),
        sent_on=t - timedelta(days=24),
    )
    return victim, {"application": application, "booking": booking, "review": review}
