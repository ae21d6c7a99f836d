"""Synthetic national case data: deterministic, calibrated, and fast enough for a million cases.

`seed_cases(cases=N, seed=S)` writes N cases from 1 January 2015 to today with their suspects,
charges, exploitation types and about ten events each, straight into the tables in batches
(`executemany` on SQLite, `COPY` on PostgreSQL): no model instances, no per-row signals, and the
same rows for the same N and seed on an empty register.

Calibration (see docs/cases.md, "Synthetic data"):
- Finalised defendants per year follow the shape of published MSHT-flagged prosecutions
  (2019-2024: 349, 267, 466, 405, 410, 454) and the conviction rate each year follows the published
  convictions (251, 197, 332, 282, 311, 353); other years use the 2019-2024 average rate.
- Exploitation types follow the Home Office NRM referrals by exploitation type, 2023 Q4, for the
  NGO and local authority first responders in data/nrm/ (people with a single type or a
  combination, Total rows excluded): figures below.
- Durations: referral to charge median about 7 months; first hearing within about 4 weeks of
  charge; trials 9 to 18 months after the first hearing; guilty pleas finalise sooner.
"""

import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.models import (
    Area,
    ExploitationType,
    FinalisationOutcome,
    Nationality,
    Offence,
    PoliceForce,
    Unit,
    UnsuccessfulReason,
)

from .models import AllocationRule, Case
from .services import recommend_from_facts

START = date(2015, 1, 1)

PUBLISHED_PROSECUTIONS = {2019: 349, 2020: 267, 2021: 466, 2022: 405, 2023: 410, 2024: 454}
PUBLISHED_CONVICTIONS = {2019: 251, 2020: 197, 2021: 332, 2022: 282, 2023: 311, 2024: 353}
AVERAGE_CONVICTION_RATE = sum(PUBLISHED_CONVICTIONS.values()) / sum(PUBLISHED_PROSECUTIONS.values())

# NRM referrals by exploitation type, 2023 Q4, NGO and local authority first responders
# (nrm_referrals_ngo_2023_q4.csv + nrm_referrals_local-authority_2023_q4.csv; 1,238 people).
NRM_EXPLOITATION_MIX = [
    (("CRIMINAL",), 573),
    (("LABOUR",), 164),
    (("UNKNOWN",), 135),
    (("SEXUAL",), 126),
    (("LABOUR", "CRIMINAL"), 70),
    (("LABOUR", "DOMESTIC"), 49),
    (("SEXUAL", "CRIMINAL"), 45),
    (("DOMESTIC",), 21),
    (("SEXUAL", "LABOUR"), 16),
    (("SEXUAL", "LABOUR", "CRIMINAL"), 11),
    (("SEXUAL", "LABOUR", "DOMESTIC"), 10),
    (("SEXUAL", "DOMESTIC"), 6),
    (("SEXUAL", "LABOUR", "DOMESTIC", "CRIMINAL"), 5),
    (("LABOUR", "DOMESTIC", "CRIMINAL"), 3),
    (("SEXUAL", "DOMESTIC", "CRIMINAL"), 1),
    (("DOMESTIC", "CRIMINAL"), 1),
    (("LABOUR", "ORGAN"), 1),
    (("SEXUAL", "LABOUR", "ORGAN"), 1),
]

# Referral volume by year (relative). Tuned so finalisations per year follow the published
# prosecutions' shape once durations are applied (the seed prints the comparison).
YEAR_WEIGHTS = {
    2015: 0.30,
    2016: 0.45,
    2017: 0.75,
    2018: 0.85,
    2019: 0.72,
    2020: 0.95,
    2021: 0.98,
    2022: 0.97,
    2023: 1.05,
    2024: 1.10,
    2025: 1.12,
    2026: 1.15,
}

# Police forces by rough share of MSHT referrals (others share the rest equally).
FORCE_WEIGHTS = {
    "01": 16,
    "20": 6,
    "06": 6,
    "13": 5,
    "05": 3,
    "10": 3,
    "14": 3,
    "04": 3,
    "44": 3,
    "43": 3,
    "46": 3,
    "52": 2.5,
    "42": 2.5,
    "62": 2,
    "31": 2,
    "33": 2,
    "96": 1.5,
    "93": 1,
}
OTHER_FORCE_WEIGHT = 1.2

# Courts closed or ran few trials in 2020: some finalisations slipped into 2021.
COVID_CLOSURE = (date(2020, 3, 23), date(2020, 12, 31))

OPERATION_WORDS = [
    "Aurora",
    "Beacon",
    "Cobalt",
    "Dune",
    "Ember",
    "Falcon",
    "Granite",
    "Harbour",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lantern",
    "Meridian",
    "Nimbus",
    "Orchid",
    "Pennant",
    "Quarry",
    "Raven",
    "Sable",
    "Tundra",
    "Umber",
    "Vesper",
    "Willow",
    "Yarrow",
    "Zephyr",
    "Atlas",
    "Bramble",
    "Cinder",
    "Delta",
    "Echo",
    "Fathom",
    "Glacier",
    "Heron",
    "Indigo",
    "Jasper",
    "Kingfisher",
    "Larch",
    "Mistral",
    "Nettle",
    "Onyx",
    "Pebble",
    "Quill",
    "Rowan",
    "Saffron",
    "Thistle",
    "Upland",
    "Vale",
    "Wren",
]

CONVICTION_CHARGES = {  # exploitation type -> likely principal offences
    "SEXUAL": ["MSA-S2", "MSA-S2", "SOA2003-S53", "SOA2003-S52", "MSA-S1"],
    "LABOUR": ["MSA-S1", "MSA-S1", "MSA-S2", "GLA2004-S12"],
    "DOMESTIC": ["MSA-S1", "MSA-S1", "MSA-S2"],
    "CRIMINAL": ["MSA-S2", "MSA-S1", "MDA1971-S4-3", "MSA-S2"],
    "ORGAN": ["MSA-S2"],
    "UNKNOWN": ["MSA-S2", "MSA-S1"],
    "OTHER": ["MSA-S2"],
}
PRE_2015_OFFENCES = ["AITCA2004-S4", "CJA2009-S71", "SOA2003-S59A"]


def _weighted(rng: random.Random, items: list, weights: list[float]) -> Callable[[], object]:
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def draw():
        x = rng.random() * total
        lo, hi = 0, len(cumulative) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cumulative[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return items[lo]

    return draw


@dataclass
class SeedResult:
    cases: int
    events: int
    defendants: int
    charges: int
    seconds: float
    finalised_by_year: dict
    convicted_by_year: dict


class _Writer:
    """Inserts rows with the fastest plain path of the database in use."""

    def __init__(self):
        self.vendor = connection.vendor

    def __enter__(self):
        # A synthetic bulk load: trade durability for speed while it runs (a crash leaves a
        # half-seeded throwaway database, never a half-written row), with a cache big enough
        # to keep the indexes in memory.
        if self.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-400000")
                cursor.execute("PRAGMA wal_autocheckpoint=20000")
        return self

    def __exit__(self, *exc):
        if self.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA wal_autocheckpoint=1000")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return False

    def timestamp(self, value: datetime) -> str:
        if self.vendor == "sqlite":
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S+00")

    def write(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                    rows,
                )


CASE_COLUMNS = [
    "id",
    "urn",
    "area_id",
    "police_force_id",
    "operation_name",
    "international",
    "organised_crime_group",
    "joint_investigation_team",
    "child_victim",
    "county_lines",
    "victim_count",
    "suspect_count",
    "recommended_unit_id",
    "recommendation_reasons",
    "unit_id",
    "allocation_reason",
    "lawyer_id",
    "paralegal_id",
    "status",
    "referral_date",
    "advice_requested_date",
    "advice_given_date",
    "advice_lawyer_id",
    "charging_decision",
    "charging_decision_date",
    "charge_date",
    "first_hearing_date",
    "trial_date",
    "finalised_date",
    "outcome_id",
    "unsuccessful_reason_id",
    "principal_offence_id",
    "version",
    "created_at",
    "updated_at",
    "created_by_id",
]
EVENT_COLUMNS = ["id", "case_id", "kind", "occurred_on", "recorded_at", "recorded_by_id", "details"]
TYPE_COLUMNS = ["case_id", "exploitationtype_id"]
DEFENDANT_COLUMNS = [
    "id",
    "case_id",
    "reference",
    "age_band",
    "gender",
    "nationality_id",
    "indicator_screen",
    "indicators",
    "screened_on",
    "nrm_status",
    "nrm_referred_on",
    "nrm_decision_on",
    "s45_result",
    "s45_considered_on",
    "s45_rationale",
    "created_at",
    "updated_at",
]
CHARGE_COLUMNS = [
    "id",
    "defendant_id",
    "offence_id",
    "charged_on",
    "is_principal",
    "plea",
    "plea_on",
    "verdict",
    "verdict_on",
]


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0]) + 1


def _reset_sequences(tables: Iterable[str]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def seed_cases(
    *,
    cases: int,
    seed: int = 2015,
    batch_size: int = 20_000,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SeedResult:
    """Append `cases` synthetic cases. Deterministic for the same arguments on an empty register."""
    started = time.perf_counter()
    rng = random.Random(seed)
    today = today or timezone.localdate()
    writer = _Writer()
    now_text = writer.timestamp(timezone.now())

    forces = list(PoliceForce.objects.select_related("area").order_by("code"))
    territorial = list(Area.objects.filter(kind=Area.Kind.AREA).order_by("order"))
    types = {t.code: t.pk for t in ExploitationType.objects.all()}
    units = {u.code: u for u in Unit.objects.all()}
    outcomes = {o.code: o.pk for o in FinalisationOutcome.objects.all()}
    reasons = {r.code: r.pk for r in UnsuccessfulReason.objects.all()}
    offences = {o.code: o.pk for o in Offence.objects.all()}
    nationalities = list(
        Nationality.objects.filter(
            code__in=[
                "GBR",
                "ALB",
                "VNM",
                "ROU",
                "POL",
                "ERI",
                "SDN",
                "IRQ",
                "CHN",
                "NGA",
                "IND",
                "SVK",
            ]
        )
        .order_by("code")
        .values_list("pk", flat=True)
    )
    rules = list(AllocationRule.objects.filter(enabled=True).select_related("recommended_unit"))

    draw_force = _weighted(
        rng, forces, [FORCE_WEIGHTS.get(f.code, OTHER_FORCE_WEIGHT) for f in forces]
    )
    draw_types = _weighted(
        rng, [c for c, _ in NRM_EXPLOITATION_MIX], [w for _, w in NRM_EXPLOITATION_MIX]
    )
    years = [y for y in sorted(YEAR_WEIGHTS) if START.year <= y <= today.year]
    draw_year = _weighted(rng, years, [YEAR_WEIGHTS[y] for y in years])
    draw_unsuccessful = _weighted(
        rng,
        [
            ("ACQUITTED", "VICTIM-EVIDENCE-NOT-SUPPORTIVE"),
            ("ACQUITTED", "CONFLICT-OF-EVIDENCE"),
            ("ACQUITTED", "UNRELIABLE-WITNESS"),
            ("ACQUITTED", "S45-DEFENCE"),
            ("DISCONTINUED", "VICTIM-RETRACTION"),
            ("DISCONTINUED", "VICTIM-NON-ATTENDANCE"),
            ("DISCONTINUED", "PUBLIC-INTEREST"),
            ("DISCONTINUED", "ESSENTIAL-LEGAL-ELEMENT-MISSING"),
            ("NO-CASE-TO-ANSWER", "ESSENTIAL-LEGAL-ELEMENT-MISSING"),
            ("JUDGE-DIRECTED-ACQUITTAL", "CONFLICT-OF-EVIDENCE"),
            ("ADMINISTRATIVE", "DEFENDANT-ABSCONDED"),
            ("DISCONTINUED", "OTHER"),
        ],
        [14, 8, 6, 4, 16, 14, 5, 6, 4, 3, 3, 4],
    )
    age_bands = ["under_18", "18_24", "25_34", "35_44", "45_54", "55_plus", "unknown"]
    draw_age = _weighted(rng, age_bands, [3, 18, 32, 25, 13, 6, 3])

    case_id = _next_id("cases_case")
    event_id = _next_id("cases_caseevent")
    defendant_id = _next_id("cases_defendant")
    charge_id = _next_id("cases_charge")
    urn_sequences: dict[tuple[str, int], int] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT urn FROM cases_case")
        for (urn,) in cursor.fetchall():
            key = (urn[:2], int(urn[9:11]))
            urn_sequences[key] = max(urn_sequences.get(key, 0), int(urn[4:9]))

    finalised_by_year: dict[int, int] = {}
    convicted_by_year: dict[int, int] = {}
    totals = {"events": 0, "defendants": 0, "charges": 0}
    span_days = (today - START).days

    recommendations: dict = {}
    done = 0
    writer.__enter__()  # bulk-load settings; restored below (or when the connection closes)
    while done < cases:
        n = min(batch_size, cases - done)
        case_rows, event_rows, type_rows, defendant_rows, charge_rows = [], [], [], [], []

        def event(cid, kind, on, details=None, event_rows=event_rows):
            nonlocal event_id
            event_rows.append(
                (
                    event_id,
                    cid,
                    kind,
                    on.isoformat(),
                    now_text,
                    None,
                    json.dumps(details) if details else "{}",
                )
            )
            event_id += 1

        for _ in range(n):
            cid = case_id
            case_id += 1
            force = draw_force()
            area = force.area or territorial[rng.randrange(len(territorial))]
            year = draw_year()
            year_start = date(year, 1, 1)
            year_days = min(365, (today - year_start).days)
            if year_days <= 0:
                year_start, year_days = START, span_days
            referred = year_start + timedelta(days=rng.randrange(max(1, year_days)))
            key = (force.code, referred.year % 100)
            sequence = urn_sequences.get(key, 0) + 1
            if sequence > 99_999:
                raise ValueError(f"More than 99,999 cases for force {force.code} in one year")
            urn_sequences[key] = sequence
            letters = chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
            urn = f"{force.code}{letters}{sequence:05d}{referred.year % 100:02d}"

            exploitation = draw_types()
            victims = max(1, int(rng.expovariate(0.6)) + 1)
            suspects = max(1, int(rng.expovariate(0.9)) + 1)
            ocg = rng.random() < (0.25 if suspects >= 3 else 0.08)
            international = rng.random() < (0.35 if ocg else 0.12)
            jit = international and rng.random() < 0.08
            child = rng.random() < (0.45 if "CRIMINAL" in exploitation else 0.12)
            county_lines = "CRIMINAL" in exploitation and rng.random() < 0.6
            facts = {
                "victim_count": victims,
                "suspect_count": suspects,
                "international": international,
                "organised_crime_group": ocg,
                "joint_investigation_team": jit,
                "child_victim": child,
                "county_lines": county_lines,
                "exploitation_type": set(exploitation),
            }
            fact_key = (
                victims,
                suspects,
                international,
                ocg,
                jit,
                child,
                county_lines,
                exploitation,
            )
            recommendation = recommendations.get(fact_key)
            if recommendation is None:  # few distinct combinations: evaluate each once
                recommendation = recommendations[fact_key] = recommend_from_facts(facts, rules)
            recommended = recommendation.unit
            unit, allocation_reason = recommended, ""
            if recommended and rng.random() < 0.08:
                other = [
                    u
                    for c, u in units.items()
                    if c in ("CCU", "RASSO", "CROWN") and u.pk != recommended.pk
                ]
                unit = other[rng.randrange(len(other))]
                allocation_reason = "Capacity in the recommended unit at the time of referral."

            status = "pre_charge"
            advice_req = advice_given = decision = decision_date = None
            charge = first_hearing = trial = finalised = None
            outcome = unsuccessful = principal = None
            event(cid, "registered", referred)
            event(cid, "police_referral", referred)
            if unit is not None:
                event(cid, "allocation", referred, {"unit": unit.code})
            if rng.random() < 0.4:
                advice_req = referred + timedelta(days=int(rng.expovariate(1 / 20)))
                advice_given = advice_req + timedelta(days=int(rng.expovariate(1 / 21)) + 1)
                if advice_given > today:
                    advice_given = None
                if advice_req > today:
                    advice_req = None
                if advice_req:
                    event(cid, "advice_requested", advice_req)
                if advice_given:
                    event(
                        cid,
                        "advice_given",
                        advice_given,
                        {"turnaround_days": (advice_given - advice_req).days},
                    )
            delay = int(rng.lognormvariate(math.log(210), 0.55))
            decided = max(referred, advice_given or referred) + timedelta(days=delay)
            fate = rng.random()
            if decided <= today:
                decision_date = decided
                if fate < 0.58:
                    decision, status, charge = "charge", "charged", decided
                elif fate < 0.80:
                    decision = "nfa_evidential" if rng.random() < 0.8 else "nfa_public_interest"
                    status = "no_further_action"
                elif fate < 0.95:
                    decision, status = "refer_back", "referred_back"
                else:
                    decision, status = "out_of_court", "out_of_court"
                event(cid, "charging_decision", decided, {"decision": decision})

            if charge:
                first_hearing = charge + timedelta(days=rng.randrange(1, 35))
                if first_hearing <= today:
                    status = "in_court"
                    event(cid, "first_hearing", first_hearing)
                else:
                    first_hearing = None
                plea = rng.random() < 0.45
                if first_hearing and not plea:
                    trial = first_hearing + timedelta(days=int(rng.uniform(270, 560)))
                    if trial <= today:
                        event(cid, "trial", trial)
                    else:
                        trial = None
                if first_hearing:
                    end = (
                        trial + timedelta(days=rng.randrange(3, 30))
                        if trial
                        else first_hearing + timedelta(days=int(rng.uniform(30, 200)))
                    )
                    if COVID_CLOSURE[0] <= end <= COVID_CLOSURE[1] and rng.random() < 0.3:
                        end += timedelta(days=rng.randrange(120, 300))  # court backlog
                    if (trial or plea) and end <= today:
                        finalised = end
                        rate = _conviction_rate(end.year)
                        # Guilty pleas (45%) all convict; trials convict the rest of the rate.
                        if plea or rng.random() < (rate - 0.45) / 0.55:
                            outcome = outcomes["GUILTY-PLEA" if plea else "CONVICTED-AFTER-TRIAL"]
                            convicted_by_year[end.year] = convicted_by_year.get(end.year, 0) + 1
                        else:
                            code, reason = draw_unsuccessful()
                            outcome, unsuccessful = outcomes[code], reasons[reason]
                        finalised_by_year[end.year] = finalised_by_year.get(end.year, 0) + 1
                        status = "finalised"
                        event(cid, "finalisation", end, {"outcome": outcome})

            # Suspects (pseudonymous), and charges for charged cases.
            lead_type = exploitation[0]
            for k in range(1, min(suspects, 6) + 1):
                did = defendant_id
                defendant_id += 1
                screened = rng.random() < 0.7
                indicators = screened and rng.random() < 0.15
                defendant_rows.append(
                    (
                        did,
                        cid,
                        f"D{k}",
                        draw_age(),
                        "male" if rng.random() < 0.78 else "female",
                        nationalities[rng.randrange(len(nationalities))] if nationalities else None,
                        ("indicators" if indicators else "no_indicators")
                        if screened
                        else "not_screened",
                        json.dumps(["controlled", "debt"] if indicators else []),
                        referred.isoformat() if screened else None,
                        "referred" if indicators else "not_referred",
                        referred.isoformat() if indicators else None,
                        None,
                        "prosecute" if indicators else "not_considered",
                        referred.isoformat() if indicators else None,
                        "",
                        now_text,
                        now_text,
                    )
                )
                event(cid, "defendant_added", referred)
                if charge:
                    choices = (
                        PRE_2015_OFFENCES
                        if referred.year < 2016 and rng.random() < 0.3
                        else CONVICTION_CHARGES.get(lead_type, ["MSA-S2"])
                    )
                    offence = offences[choices[rng.randrange(len(choices))]]
                    is_principal = k == 1
                    if is_principal:
                        principal = offence
                    verdict = verdict_on = ""
                    if finalised:
                        verdict = (
                            "convicted"
                            if outcome
                            in (outcomes["GUILTY-PLEA"], outcomes["CONVICTED-AFTER-TRIAL"])
                            else ("acquitted" if trial else "discontinued")
                        )
                        verdict_on = finalised.isoformat()
                    charge_rows.append(
                        (
                            charge_id,
                            did,
                            offence,
                            charge.isoformat(),
                            is_principal,
                            "",
                            None,
                            verdict,
                            verdict_on or None,
                        )
                    )
                    charge_id += 1
                    event(cid, "charge_added", charge)
            for code in exploitation:
                type_rows.append((cid, types[code]))
            reasons_json = json.dumps(recommendation.reasons)
            case_rows.append(
                (
                    cid,
                    urn,
                    area.pk,
                    force.pk,
                    OPERATION_WORDS[rng.randrange(len(OPERATION_WORDS))]
                    if rng.random() < 0.7
                    else "",
                    international,
                    ocg,
                    jit,
                    child,
                    county_lines,
                    victims,
                    suspects,
                    recommended.pk if recommended else None,
                    reasons_json,
                    unit.pk if unit else None,
                    allocation_reason,
                    None,
                    None,
                    status,
                    referred.isoformat(),
                    _iso(advice_req),
                    _iso(advice_given),
                    None,
                    decision or "",
                    _iso(decision_date),
                    _iso(charge),
                    _iso(first_hearing),
                    _iso(trial),
                    _iso(finalised),
                    outcome,
                    unsuccessful,
                    principal,
                    1,
                    now_text,
                    now_text,
                    None,
                )
            )

        with transaction.atomic():
            writer.write("cases_case", CASE_COLUMNS, case_rows)
            writer.write("cases_case_exploitation_types", TYPE_COLUMNS, type_rows)
            writer.write("cases_defendant", DEFENDANT_COLUMNS, defendant_rows)
            writer.write("cases_charge", CHARGE_COLUMNS, charge_rows)
            writer.write("cases_caseevent", EVENT_COLUMNS, event_rows)
        totals["events"] += len(event_rows)
        totals["defendants"] += len(defendant_rows)
        totals["charges"] += len(charge_rows)
        done += n
        if progress:
            progress(done, cases)

    _reset_sequences(
        [
            "cases_case",
            "cases_caseevent",
            "cases_defendant",
            "cases_charge",
            "cases_case_exploitation_types",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with transaction.atomic():
        audit_record(
            actor=None,
            operation=Operation.COLLECTION,
            object_type="case",
            reason="synthetic data (msht seed)",
            detail={"cases": cases, "seed": seed, "events": totals["events"]},
        )
    return SeedResult(
        cases=cases,
        events=totals["events"],
        defendants=totals["defendants"],
        charges=totals["charges"],
        seconds=time.perf_counter() - started,
        finalised_by_year=dict(sorted(finalised_by_year.items())),
        convicted_by_year=dict(sorted(convicted_by_year.items())),
    )


def _conviction_rate(year: int) -> float:
    if year in PUBLISHED_PROSECUTIONS:
        return PUBLISHED_CONVICTIONS[year] / PUBLISHED_PROSECUTIONS[year]
    return AVERAGE_CONVICTION_RATE


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def calibration_lines(result: SeedResult) -> list[str]:
    """Generated finalisations and convictions per year beside the published figures (scaled)."""
    generated = sum(result.finalised_by_year.get(y, 0) for y in PUBLISHED_PROSECUTIONS)
    published = sum(PUBLISHED_PROSECUTIONS.values())
    scale = generated / published if published else 0
    lines = [
        f"{'year':<6}{'finalised':>10}{'expected':>10}{'convicted':>11}{'rate':>7}"
        f"{'published rate':>16}"
    ]
    for year, pros in PUBLISHED_PROSECUTIONS.items():
        fin = result.finalised_by_year.get(year, 0)
        conv = result.convicted_by_year.get(year, 0)
        rate = conv / fin if fin else 0
        lines.append(
            f"{year:<6}{fin:>10,}{pros * scale:>10,.0f}{conv:>11,}{rate:>7.0%}"
            f"{PUBLISHED_CONVICTIONS[year] / pros:>16.0%}"
        )
    return lines


def stdout_progress(stream=sys.stdout) -> Callable[[int, int], None]:
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        rate = done / elapsed if elapsed else 0
        stream.write(f"\r  {done:>10,} / {total:,} cases  ({rate:,.0f} a second)")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return report


def cases_exist() -> bool:
    return Case.objects.exists()
