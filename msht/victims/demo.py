"""Demo victims and witnesses for `msht demo` (runs after the demo cases; idempotent).

Adds two or three people to each of the first demo cases of every Area that has cases, with NRM
decisions, special measures, interpreters and engagement, so the victims tab and the Area's
"needs attention" list have something to show. Cases that already have victims are left alone.
"""

from datetime import date, timedelta

from django.utils import timezone

from msht.cases.models import Case

from . import services
from .models import Victim
from .selectors import OPEN_CASE_STATUSES

CASES_PER_AREA = 3
IDENTITIES = [
    ("Demo Person One", "1994-02-11", "Demo address 1, no real person"),
    ("Demo Person Two", "2007-06-30", "Via support worker (demo)"),
    ("Demo Person Three", "1988-10-05", ""),
]


def _cases() -> list[tuple[Case, int]]:
    """The first few open cases of each Area (where the needs-attention list looks), with
    their position within the Area."""
    chosen: list[tuple[Case, int]] = []
    open_cases = Case.objects.filter(status__in=OPEN_CASE_STATUSES)
    for area_id in open_cases.values_list("area_id", flat=True).distinct().order_by("area_id"):
        cases = open_cases.filter(area_id=area_id).order_by("pk")[:CASES_PER_AREA]
        chosen.extend((case, position) for position, case in enumerate(cases))
    return chosen


def load_demo_victims(stdout) -> None:
    today = timezone.localdate()
    with_victims = set(Victim.objects.values_list("case_id", flat=True).distinct())
    added = 0
    for index, (case, position) in enumerate(_cases()):
        if case.pk in with_victims:
            continue
        added += _populate(case, index, position, today)
    stdout.write(f"Demo victims and witnesses: {added} added.")


def _populate(case: Case, index: int, position: int, today) -> int:
    """Each Area's first case needs an interpreter booked, its second a special measures
    decision, its third has a wavering victim; `index` varies the rest."""
    name, dob, contact = IDENTITIES[index % len(IDENTITIES)]
    base = case.referral_date or today - timedelta(days=200)
    v1 = _add(case, index, name, dob, contact)
    referral = min(base + timedelta(days=5), today)
    services.nrm_record(
        actor=None,
        victim=v1,
        referred=True,
        referral_date=referral,
        first_responder="police",
        rg_decision="positive",
        rg_decision_date=min(referral + timedelta(days=5), today),
        cg_decision="positive" if index % 2 == 0 else "",
        cg_decision_date=min(referral + timedelta(days=120), today) if index % 2 == 0 else None,
        exploitation_types=["SEXUAL"] if index % 2 == 0 else ["LABOUR", "CRIMINAL"],
    )
    applied = min(referral + timedelta(days=30), today)
    screens = services.special_measure_apply(
        actor=None, victim=v1, measure="screens", applied_on=applied
    )
    services.special_measure_decide(
        actor=None,
        application=screens,
        status="granted",
        decided_on=min(applied + timedelta(days=14), today),
    )
    cross = services.special_measure_apply(
        actor=None, victim=v1, measure="pre_recorded_cross", applied_on=applied
    )
    if index % 3:
        services.special_measure_decide(
            actor=None,
            application=cross,
            status="granted" if index % 3 == 1 else "refused",
            decided_on=min(applied + timedelta(days=21), today),
        )
    services.victim_trial_date_record(
        actor=None, victim=v1, trial_date=today + timedelta(days=40 + 7 * (index % 8))
    )
    booking = services.interpreter_request(
        actor=None,
        victim=v1,
        kind="interpreter",
        language=["sqi", "vie", "ron"][index % 3],
        purpose="trial",
        requested_on=today - timedelta(days=10),
        needed_by=today + timedelta(days=5 if position == 0 else 30 + index),
    )
    if position != 0 and index % 2:
        services.interpreter_book(actor=None, booking=booking, booked_on=today)
    services.engagement_record(
        actor=None,
        victim=v1,
        status="engaged",
        occurred_on=referral,
        reason="supported",
        support_organisation="msvcc",
    )
    if position == 2:
        services.engagement_record(
            actor=None,
            victim=v1,
            status="wavering",
            occurred_on=today - timedelta(days=3),
            reason="fear",
            support_organisation="msvcc",
        )
    v2 = services.victim_add(
        actor=None,
        case=case,
        is_victim=False,
        is_witness=True,
        age_band="35_44",
        gender="male",
        nationality="GBR",
    )
    services.engagement_record(
        actor=None,
        victim=v2,
        status="withdrawn" if index % 3 == 0 else "engaged",
        occurred_on=today - timedelta(days=20),
        reason="fear" if index % 3 == 0 else "",
    )
    return 2


def _add(case: Case, index: int, name: str, dob: str, contact: str) -> Victim:
    return services.victim_add(
        actor=None,
        case=case,
        is_victim=True,
        is_witness=True,
        age_band="25_34" if index % 2 == 0 else "under_18",
        gender="female" if index % 3 else "male",
        nationality=["ALB", "VNM", "ROU", "GBR", "ERI"][index % 5],
        name=name,
        date_of_birth=date.fromisoformat(dob),
        contact=contact,
    )
