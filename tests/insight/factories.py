"""Small case sets for checking each measure by hand. Cases are made through the case services.

`journey(...)` takes a case as far as its arguments say: referral, advice, charging decision,
defendants with charges, finalisation, orders, s45 consideration.
"""

import itertools
from datetime import date

from msht.accounts.roles import Role
from msht.cases import services
from msht.reference.models import (
    Area,
    ExploitationType,
    FinalisationOutcome,
    Offence,
    PoliceForce,
    UnsuccessfulReason,
)
from tests.factories import UserFactory

_sequence = itertools.count(1)

# Forces by Area for URNs: 01 Met (London North), 20 West Midlands, 13 West Yorkshire.
FORCE_OF_AREA = {"LONDON-NORTH": "01", "WEST-MIDLANDS": "20", "YORKSHIRE-HUMBERSIDE": "13"}


def journey(
    *,
    area: str = "LONDON-NORTH",
    force: str | None = None,
    referred: date | None = date(2024, 1, 10),
    advice: tuple[date, date] | None = None,
    decision: str | None = None,
    decided: date | None = None,
    defendants: int = 0,
    offence: str = "MSA-S2",
    finalised: date | None = None,
    outcome: str | None = None,
    reason: str | None = None,
    exploitation: tuple[str, ...] = ("LABOUR",),
    orders: tuple[tuple[str, str, date], ...] = (),
    s45: tuple[str, date] | None = None,
):
    force = force or FORCE_OF_AREA[area]
    case = services.case_create(
        actor=None,
        urn=f"{force}YE{next(_sequence):05d}24",
        area=Area.objects.get(code=area),
        police_force=PoliceForce.objects.get(code=force),
        exploitation_types=ExploitationType.objects.filter(code__in=exploitation),
    )
    if referred:
        case = services.police_referral_record(actor=None, case=case, referred_on=referred)
    if advice:
        case = services.advice_record(
            actor=None,
            case=case,
            requested_on=advice[0],
            given_on=advice[1],
            lawyer=UserFactory(role=Role.PROSECUTOR),
        )
    if decision:
        case = services.charging_decision_record(
            actor=None,
            case=case,
            decision=decision,
            decided_on=decided,
            reasons="" if decision == "charge" else "Reasons given",
            action_plan="Plan" if decision == "refer_back" else "",
        )
    made = []
    for number in range(defendants):
        defendant = services.defendant_add(actor=None, case=case, reference=f"D{number + 1}")
        made.append(defendant)
        services.charge_add(
            actor=None,
            defendant=defendant,
            offence=Offence.objects.get(code=offence),
            charged_on=decided,
            is_principal=number == 0,
        )
    if s45 and made:
        services.s45_screening_record(
            actor=None,
            defendant=made[0],
            indicator_screen="indicators",
            indicators=["debt"],
            screened_on=s45[1],
            s45_result=s45[0],
            s45_considered_on=s45[1],
            s45_rationale="Considered",
        )
    case.refresh_from_db()
    if finalised:
        case = services.finalisation_record(
            actor=None,
            case=case,
            finalised_on=finalised,
            outcome=FinalisationOutcome.objects.get(code=outcome),
            unsuccessful_reason=UnsuccessfulReason.objects.get(code=reason) if reason else None,
        )
    for kind, result, decided_on in orders:
        services.order_record(
            actor=None,
            case=case,
            kind=kind,
            result=result,
            applied_on=decided_on,
            decided_on=decided_on,
            defendant=made[0] if made else None,
        )
    case.refresh_from_db()
    return case


def hand_counted_set():
    """The fixture the measure tests count by hand. Dates are in 2024 unless said.

    London North (LN), West Midlands (WM):
      1 LN referred 10 Jan, advice 12 Jan -> 22 Jan (10 days), charged 1 Mar (2 defendants,
        s2), finalised 1 Jun guilty plea; prevention order made 1 Jun
      2 LN referred 15 Jan, charged 20 Feb (1 defendant, s1), finalised 20 Jun acquittal
        (victim retraction)
      3 LN referred 5 Feb, NFA evidential 1 Apr
      4 LN referred 6 Feb, refer back 10 Mar
      5 WM referred 20 Jan, advice 21 Jan -> 20 Feb (30 days), charged 15 Apr
        (1 defendant, fraud offence s6, not MSA; s45 considered 1 May: prosecute), finalised
        1 Jul convicted after trial
      6 WM referred 2 Mar, charged 1 May (3 defendants, s2), finalised 2 Aug discontinued
        (public interest); risk order refused 2 Aug
      7 WM referred 2 Mar (sexual exploitation), still pre-charge
      8 LN referred 10 Dec 2023, charged 5 Jan (1 defendant, s2), finalised 1 Apr guilty plea
    """
    return [
        journey(
            area="LONDON-NORTH",
            referred=date(2024, 1, 10),
            advice=(date(2024, 1, 12), date(2024, 1, 22)),
            decision="charge",
            decided=date(2024, 3, 1),
            defendants=2,
            finalised=date(2024, 6, 1),
            outcome="GUILTY-PLEA",
            orders=(("prevention", "made", date(2024, 6, 1)),),
        ),
        journey(
            area="LONDON-NORTH",
            referred=date(2024, 1, 15),
            decision="charge",
            decided=date(2024, 2, 20),
            defendants=1,
            offence="MSA-S1",
            finalised=date(2024, 6, 20),
            outcome="ACQUITTED",
            reason="VICTIM-RETRACTION",
        ),
        journey(
            area="LONDON-NORTH",
            referred=date(2024, 2, 5),
            decision="nfa_evidential",
            decided=date(2024, 4, 1),
        ),
        journey(
            area="LONDON-NORTH",
            referred=date(2024, 2, 6),
            decision="refer_back",
            decided=date(2024, 3, 10),
        ),
        journey(
            area="WEST-MIDLANDS",
            referred=date(2024, 1, 20),
            advice=(date(2024, 1, 21), date(2024, 2, 20)),
            decision="charge",
            decided=date(2024, 4, 15),
            defendants=1,
            offence="FA2006-S6",
            s45=("prosecute", date(2024, 5, 1)),
            finalised=date(2024, 7, 1),
            outcome="CONVICTED-AFTER-TRIAL",
        ),
        journey(
            area="WEST-MIDLANDS",
            referred=date(2024, 3, 2),
            decision="charge",
            decided=date(2024, 5, 1),
            defendants=3,
            finalised=date(2024, 8, 2),
            outcome="DISCONTINUED",
            reason="PUBLIC-INTEREST",
            orders=(("risk", "refused", date(2024, 8, 2)),),
        ),
        journey(area="WEST-MIDLANDS", referred=date(2024, 3, 2), exploitation=("SEXUAL",)),
        journey(
            area="LONDON-NORTH",
            referred=date(2023, 12, 10),
            decision="charge",
            decided=date(2024, 1, 5),
            defendants=1,
            finalised=date(2024, 4, 1),
            outcome="GUILTY-PLEA",
        ),
    ]


def area_id(code: str) -> int:
    return Area.objects.get(code=code).pk
