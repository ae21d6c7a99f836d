"""Factories for the case register. Cases are made through the services, as users make them."""

import itertools
from datetime import date

from msht.cases import services
from msht.reference.models import Area, ExploitationType, FinalisationOutcome, Offence

_sequence = itertools.count(1)


def next_urn(force: str = "01", unit: str = "YE", year: str = "24") -> str:
    return f"{force}{unit}{next(_sequence):05d}{year}"


def make_case(*, actor=None, area_code: str | None = None, force: str = "01", **fields):
    """A registered case; `area_code` overrides the force's Area."""
    types = fields.pop("exploitation_codes", ["LABOUR"])
    area = Area.objects.get(code=area_code) if area_code else None
    return services.case_create(
        actor=actor,
        urn=fields.pop("urn", None) or next_urn(force),
        area=area,
        exploitation_types=ExploitationType.objects.filter(code__in=types),
        **fields,
    )


def make_charged_case(
    *, actor=None, referred=date(2024, 1, 10), charged=date(2024, 3, 1), **fields
):
    case = make_case(actor=actor, **fields)
    case = services.police_referral_record(actor=actor, case=case, referred_on=referred)
    return services.charging_decision_record(
        actor=actor, case=case, decision="charge", decided_on=charged
    )


def make_finalised_case(*, actor=None, outcome="GUILTY-PLEA", **fields):
    case = make_charged_case(actor=actor, **fields)
    case = services.first_hearing_record(actor=actor, case=case, heard_on=date(2024, 3, 20))
    return services.finalisation_record(
        actor=actor,
        case=case,
        finalised_on=date(2024, 6, 1),
        outcome=FinalisationOutcome.objects.get(code=outcome),
    )


def offence(code: str = "MSA-S2") -> Offence:
    return Offence.objects.get(code=code)
