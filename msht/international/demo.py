"""Demo international work for `msht demo`: five deployments over several financial years with
costs, objectives, indicators (baselines, targets, actuals) and activities; MLA, extradition
and JIT records on demo cases with an international element. Loaded once, through the services.
"""

from datetime import date, timedelta
from decimal import Decimal

from msht.reference.dates import today
from msht.reference.models import Nationality

from . import casework_services, services
from .models import Deployment, MlaRequest
from .periods import fy_of

# country, region, post, adviser, start FY offset, years, status, funding
DEPLOYMENTS = [
    (
        "ALB",
        "western_balkans",
        "British Embassy Tirana",
        "Helen Marsh",
        -4,
        4,
        "active",
        "Conflict, Stability and Security Fund",
    ),
    (
        "VNM",
        "east_asia",
        "British Embassy Hanoi",
        "Daniel Okafor",
        -3,
        4,
        "active",
        "Home Office Modern Slavery Fund",
    ),
    (
        "NGA",
        "africa",
        "British Deputy High Commission Lagos",
        "Priya Natarajan",
        -4,
        3,
        "ended",
        "Official Development Assistance",
    ),
    (
        "ROU",
        "europe",
        "British Embassy Bucharest",
        "Tom Whitfield",
        -2,
        3,
        "active",
        "Home Office Modern Slavery Fund",
    ),
    (
        "PAK",
        "south_asia",
        "British High Commission Islamabad",
        "Sara Qureshi",
        -1,
        3,
        "planned",
        "Conflict, Stability and Security Fund",
    ),
]

OBJECTIVES = [
    (
        "capacity_building",
        "Prosecutors and investigators trained to identify and prosecute "
        "trafficking for exploitation in the UK.",
        "Officials completing the trafficking course",
        "Prosecutors, judges and investigators who complete the course and pass its assessment.",
        "officials",
        40,
        [60, 80, 100, 110],
        "training",
        18,
    ),
    (
        "casework_support",
        "Live UK-linked cases supported with evidence gathering and witness arrangements.",
        "Share of MLA requests executed within 90 days",
        "Of the UK's requests to the country concluded in the year, the share executed within 90 "
        "calendar days.",
        "per cent",
        35,
        [45, 55, 65, 70],
        "case_support",
        6,
    ),
    (
        "legislative_reform",
        "Anti-trafficking law brought in line with the Palermo Protocol.",
        "Provisions adopted on the adviser's advice",
        "Legislative provisions adopted that the adviser commented on in draft.",
        "provisions",
        0,
        [2, 3, 4, 4],
        "legislation",
        1,
    ),
]


def _adviser_user():
    from msht.accounts.demo import DEMO_DOMAIN
    from msht.accounts.models import User

    return User.objects.filter(email=f"international@{DEMO_DOMAIN}").first()


def _deployment(actor, spec, current_fy: int) -> Deployment:
    code, region, post, adviser, offset, years, status, funding = spec
    start = date(current_fy + offset, 4, 1) + timedelta(days=30)
    end = date(current_fy + offset + years, 3, 31) - timedelta(days=30)
    deployment = services.deployment_create(
        actor=actor,
        country=Nationality.objects.get(code=code),
        region=region,
        post=post,
        adviser=None,
        adviser_name=adviser,
        start_date=start,
        end_date=end,
        funding_line=funding,
        status=status,
    )
    first = current_fy + offset
    for index, year in enumerate(range(first, min(first + years, current_fy + 1))):
        if code == "VNM" and index == 1:
            continue  # a year whose costs are not in yet: value for money "not available"
        services.deployment_cost_record(
            actor=actor,
            deployment=deployment,
            financial_year=year,
            staff=Decimal(118_000 + 4_000 * index),
            travel=Decimal(9_500 + 750 * index),
            programme=Decimal(42_000 + 12_500 * index),
        )
    for kind, text, name, definition, unit, base, targets, activity, per in OBJECTIVES:
        _objective(
            actor,
            deployment,
            first,
            years,
            current_fy,
            kind,
            text,
            name,
            definition,
            unit,
            base,
            targets,
            activity,
            per,
        )
    return deployment


def _objective(
    actor,
    deployment,
    first,
    years,
    current_fy,
    kind,
    text,
    name,
    definition,
    unit,
    base,
    targets,
    activity,
    per,
) -> None:
    objective = services.objective_add(
        actor=actor, deployment=deployment, kind=kind, description=text
    )
    indicator = services.indicator_add(
        actor=actor,
        objective=objective,
        name=name,
        definition=definition,
        unit=unit,
        baseline_value=Decimal(base),
        baseline_date=deployment.start_date,
    )
    shortfall = {"ALB": 1.1, "VNM": 0.9, "NGA": 0.6, "ROU": 1.0, "PAK": 1.0}[
        deployment.country.code
    ]
    for index, year in enumerate(range(first, first + years)):
        target = Decimal(targets[min(index, len(targets) - 1)])
        services.indicator_target_set(
            actor=actor, indicator=indicator, financial_year=year, value=target
        )
        if year < current_fy:
            factor = shortfall if index % 2 == 0 else shortfall - 0.1
            services.indicator_actual_record(
                actor=actor,
                indicator=indicator,
                financial_year=year,
                value=(target * Decimal(str(factor))).quantize(Decimal(1)),
                measured_on=min(date(year + 1, 4, 20), deployment.end_date + timedelta(60)),
                source="Adviser's annual return, checked by the international team",
                evidence="Course registers and host ministry figures.",
            )
        if year <= current_fy:
            for quarter in range(2 if year == current_fy else 4):
                month = year * 12 + 4 + quarter * 3
                day = date(month // 12, month % 12 + 1, 12)
                if deployment.start_date <= day <= min(deployment.end_date, today()):
                    services.activity_record(
                        actor=actor,
                        objective=objective,
                        kind=activity,
                        delivered_on=day,
                        description=f"{objective.get_kind_display()}: quarter {quarter + 1} "
                        "activity",
                        quantity=per + quarter,
                    )


def _casework(actor, current: date) -> int:
    from msht.accounts.demo import DEMO_DOMAIN
    from msht.accounts.models import User
    from msht.cases.models import Case

    lawyer = User.objects.filter(email=f"prosecutor@{DEMO_DOMAIN}").first()
    cases = Case.objects.filter(international=True).order_by("-referral_date", "pk")
    own = list(cases.filter(area_id=lawyer.area_id)[:4]) if lawyer else []
    others = list(cases.exclude(pk__in=[c.pk for c in own])[:10])
    linked = own + others
    if not linked:
        return 0
    countries = ["ALB", "VNM", "ROU", "NGA", "FRA", "NLD", "POL", "ESP", "ALB", "VNM"]
    made = 0
    for index, case in enumerate(linked[:10]):
        sent = current - timedelta(days=25 + 41 * index)
        concluded = index % 3 == 2
        casework_services.mla_request_record(
            actor=actor,
            case_urns=[case.urn],
            direction="outgoing" if index % 4 else "incoming",
            country=Nationality.objects.get(code=countries[index]),
            sent_on=sent,
            asked="Bank records of the suspects' accounts and statements from two witnesses.",
            status="executed" if concluded else ("acknowledged" if index % 2 else "sent"),
            concluded_on=sent + timedelta(days=70 + 9 * index) if concluded else None,
        )
        made += 1
    casework_services.extradition_record(
        actor=actor,
        case_urns=[linked[0].urn],
        direction="outgoing",
        country=Nationality.objects.get(code="ROU"),
        requested_on=current - timedelta(days=140),
        status="arrested",
        notes="Arrest warrant under the Trade and Cooperation Agreement.",
    )
    jit_cases = [c.urn for c in linked[:3]]
    casework_services.jit_record(
        actor=actor,
        case_urns=jit_cases,
        name="Operation Harbour JIT",
        partner_countries=list(Nationality.objects.filter(code__in=["ROU", "NLD"])),
        agency="National Crime Agency",
        eurojust_funding=Decimal("48000"),
        started_on=current - timedelta(days=400),
    )
    casework_services.jit_record(
        actor=actor,
        case_urns=[c.urn for c in linked[3:5]] or jit_cases,
        name="Operation Lantern JIT",
        partner_countries=list(Nationality.objects.filter(code__in=["ALB"])),
        agency="Metropolitan Police Service",
        eurojust_funding=None,
        started_on=current - timedelta(days=700),
        ended_on=current - timedelta(days=120),
    )
    return made


def load_demo_international(stdout) -> None:
    actor = _adviser_user()
    if actor is None:
        stdout.write("International: no demo international user, skipped.")
        return
    if Deployment.objects.exists() or MlaRequest.objects.exists():
        stdout.write("International: already loaded, left as it is.")
        return
    current = today()
    current_fy = fy_of(current)
    for spec in DEPLOYMENTS:
        _deployment(actor, spec, current_fy)
    made = _casework(actor, current)
    stdout.write(
        f"International: {len(DEPLOYMENTS)} deployments with costs and results, {made} MLA "
        "requests, an extradition and two joint investigation teams."
    )
