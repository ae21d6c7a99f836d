"""P3: build the full national pack against the equivalent hand-written SQL, in one run.

    .venv/bin/python bench/national_pack.py [--cases 1000000] [--database-url URL] [--repeat 3]

1. Makes sure the database holds the seeded cases (a SQLite file under /tmp by default, or
   PostgreSQL through --database-url): migrated and filled by `msht seed --cases N` the first
   time, reused afterwards (reseeded only if it holds fewer cases).
2. Times `build_pack` for the national pack: every measure, every Area, monthly, 10 years
   (120 months of trends, breakdowns over the last two months, the funnel by year), internal
   figures (no disclosure control, so the comparison is of the data work).
3. Times the same figures from hand-written SQL (one statement per table, vendor date
   arithmetic written out), run through the same connection, and checks both give the same
   numbers for the headline tables.
4. Prints the median of each and the ratio (target P3: at most 2 x; about 2 s on PostgreSQL).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2015)
    return parser.parse_args()


def setup(args):
    url = args.database_url or f"sqlite:////tmp/msht-bench-pack-{args.cases}.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msht.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from msht.cases.models import Case
    from msht.cases.seed import seed_cases

    have = Case.objects.count()
    if have < args.cases:
        print(f"Seeding {args.cases - have:,} cases into {url} (once; reused afterwards)...")
        started = time.perf_counter()
        seed_cases(cases=args.cases - have, seed=args.seed + have)
        print(f"  seeded in {time.perf_counter() - started:,.0f} s")
    return url


def month_expr(vendor: str, column: str) -> str:
    if vendor == "sqlite":
        return (
            f"(CAST(substr({column}, 1, 4) AS INTEGER) * 12 "
            f"+ CAST(substr({column}, 6, 2) AS INTEGER) - 1)"
        )
    return (
        f"(CAST(date_part('year', {column}) AS INTEGER) * 12 "
        f"+ CAST(date_part('month', {column}) AS INTEGER) - 1)"
    )


def days_expr(vendor: str, end: str, start: str) -> str:
    if vendor == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


def hand_written(vendor: str, start, end, p_start, p_end, registered_by):
    """The pack's statements written by hand: (sql, params) pairs."""
    m = lambda col: month_expr(vendor, col)  # noqa: E731
    y = lambda col: f"({m(col)} / 12)"  # noqa: E731
    reg = "c.created_at <= %s"
    stmts = []

    def case_count(date_col, where="1=1", extra=""):
        stmts.append(
            (
                f"SELECT c.area_id, {m('c.' + date_col)} AS p, COUNT(*) {extra} FROM cases_case c "
                f"WHERE c.{date_col} BETWEEN %s AND %s AND {reg} AND {where} GROUP BY 1, 2",
                [start, end, registered_by],
            )
        )

    case_count("referral_date")
    case_count("charge_date", "c.charging_decision = 'charge'")
    stmts.append(
        (
            f"SELECT c.area_id, {m('c.charge_date')}, COUNT(*) FROM cases_defendant d "
            "JOIN cases_case c ON c.id = d.case_id WHERE c.charge_date BETWEEN %s AND %s AND "
            f"{reg} AND c.charging_decision = 'charge' AND EXISTS (SELECT 1 FROM cases_charge ch "
            "WHERE ch.defendant_id = d.id) GROUP BY 1, 2",
            [start, end, registered_by],
        )
    )
    case_count("finalised_date")
    stmts.append(
        (
            f"SELECT c.area_id, {m('c.finalised_date')}, COUNT(*) FROM cases_case c JOIN "
            "reference_finalisationoutcome o ON o.id = c.outcome_id WHERE c.finalised_date BETWEEN "
            f"%s AND %s AND {reg} AND o.is_conviction GROUP BY 1, 2",
            [start, end, registered_by],
        )
    )
    case_count(
        "charging_decision_date",
        "c.charging_decision IN ('charge','nfa_evidential','nfa_public_interest','out_of_court')",
        ", SUM(CASE WHEN c.charging_decision = 'charge' THEN 1 ELSE 0 END)",
    )
    stmts.append(
        (
            f"SELECT c.area_id, {m('c.finalised_date')}, COUNT(*), "
            "SUM(CASE WHEN o.is_conviction THEN 1 ELSE 0 END) FROM cases_case c LEFT JOIN "
            "reference_finalisationoutcome o ON o.id = c.outcome_id WHERE c.finalised_date "
            f"BETWEEN %s AND %s AND {reg} GROUP BY 1, 2",
            [start, end, registered_by],
        )
    )
    for a, b, place in [
        ("advice_requested_date", "advice_given_date", "advice_given_date"),
        ("referral_date", "charge_date", "charge_date"),
        ("charge_date", "finalised_date", "finalised_date"),
    ]:
        for partition in ("c.area_id, ", ""):
            stmts.append(
                (
                    "SELECT * FROM (SELECT "
                    + ("c.area_id AS g, " if partition else "")
                    + f"{m('c.' + place)} AS p, {days_expr(vendor, 'c.' + b, 'c.' + a)} AS d, "
                    f"ROW_NUMBER() OVER (PARTITION BY {partition}{m('c.' + place)} ORDER BY "
                    f"{days_expr(vendor, 'c.' + b, 'c.' + a)}, c.id) AS rn, COUNT(*) OVER "
                    f"(PARTITION BY {partition}{m('c.' + place)}) AS n FROM cases_case c WHERE "
                    f"c.{place} BETWEEN %s AND %s AND {reg} AND c.{a} IS NOT NULL AND c.{b} IS NOT "
                    "NULL) t WHERE rn >= (n + 1) / 2 AND rn <= (n + 2) / 2",
                    [start, end, registered_by],
                )
            )
    breakdowns = [
        (
            "SELECT c.area_id, c.charging_decision, COUNT(*) FROM cases_case c WHERE "
            f"c.charging_decision_date BETWEEN %s AND %s AND {reg} AND c.charging_decision <> '' "
            "GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, o.code, COUNT(*) FROM cases_case c LEFT JOIN "
            "reference_finalisationoutcome o ON o.id = c.outcome_id WHERE c.finalised_date "
            f"BETWEEN %s AND %s AND {reg} GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, r.code, COUNT(*) FROM cases_case c JOIN "
            "reference_finalisationoutcome o ON o.id = c.outcome_id LEFT JOIN "
            "reference_unsuccessfulreason r ON r.id = c.unsuccessful_reason_id WHERE "
            f"c.finalised_date BETWEEN %s AND %s AND {reg} AND NOT o.is_conviction GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, f.code, COUNT(*) FROM cases_charge ch JOIN cases_defendant d ON "
            "d.id = ch.defendant_id JOIN cases_case c ON c.id = d.case_id JOIN reference_offence f "
            f"ON f.id = ch.offence_id WHERE ch.charged_on BETWEEN %s AND %s AND {reg} "
            "GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, x.kind, COUNT(*) FROM cases_order x JOIN cases_case c ON "
            f"c.id = x.case_id WHERE x.decided_on BETWEEN %s AND %s AND {reg} AND "
            "x.result = 'made' GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, d.s45_result, COUNT(*) FROM cases_defendant d JOIN cases_case c ON "
            f"c.id = d.case_id WHERE d.s45_considered_on BETWEEN %s AND %s AND {reg} AND "
            "d.s45_result IN ('prosecute','not_in_public_interest','defence_likely',"
            "'defence_raised') GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, s.measure, COUNT(*) FROM victims_specialmeasureapplication s JOIN "
            "victims_victim v ON v.id = s.victim_id JOIN cases_case c ON c.id = v.case_id WHERE "
            f"s.decided_on BETWEEN %s AND %s AND {reg} AND s.status = 'granted' GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, b.kind, COUNT(*) FROM victims_interpreterbooking b JOIN "
            "victims_victim v ON v.id = b.victim_id JOIN cases_case c ON c.id = v.case_id WHERE "
            f"b.needed_by BETWEEN %s AND %s AND {reg} AND b.outcome IN ('late','not_provided') "
            "GROUP BY 1, 2"
        ),
        (
            "SELECT c.area_id, e.reason, COUNT(*) FROM victims_engagementevent e JOIN "
            "victims_victim v ON v.id = e.victim_id JOIN cases_case c ON c.id = v.case_id WHERE "
            f"e.occurred_on BETWEEN %s AND %s AND {reg} AND e.status = 'withdrawn' GROUP BY 1, 2"
        ),
    ]
    stmts += [(sql, [p_start, p_end, registered_by]) for sql in breakdowns]
    for a, b, place in [
        ("advice_requested_date", "advice_given_date", "advice_given_date"),
        ("referral_date", "charge_date", "charge_date"),
        ("charge_date", "finalised_date", "finalised_date"),
    ]:
        d = days_expr(vendor, "c." + b, "c." + a)
        bands = ", ".join(
            f"SUM(CASE WHEN {d} BETWEEN {lo} AND {hi} THEN 1 ELSE 0 END)"
            for lo, hi in [(-100000, 7), (8, 28), (29, 91), (92, 182), (183, 365), (366, 10**7)]
        )
        stmts.append(
            (
                f"SELECT c.area_id, {bands} FROM cases_case c WHERE c.{place} BETWEEN %s AND %s AND "
                f"{reg} AND c.{a} IS NOT NULL AND c.{b} IS NOT NULL GROUP BY 1",
                [p_start, p_end, registered_by],
            )
        )
    # The funnel: five steps by year, by flag and by principal MSA offence, and the reasons.
    for offence_only in (False, True):
        join = (
            " JOIN reference_offence po ON po.id = c.principal_offence_id AND po.is_msa"
            if offence_only
            else ""
        )
        for date_col, where in [
            ("referral_date", "1=1"),
            (
                "charge_date",
                "c.charging_decision = 'charge' AND EXISTS (SELECT 1 FROM "
                "cases_defendant d JOIN cases_charge ch ON ch.defendant_id = d.id WHERE "
                "d.case_id = c.id)",
            ),
            ("charge_date", "c.charging_decision = 'charge'"),
            ("finalised_date", "1=1"),
            (
                "finalised_date",
                "c.outcome_id IN (SELECT id FROM reference_finalisationoutcome "
                "WHERE is_conviction)",
            ),
        ]:
            stmts.append(
                (
                    f"SELECT {y('c.' + date_col)}, COUNT(*) FROM cases_case c{join} WHERE "
                    f"c.{date_col} BETWEEN %s AND %s AND {reg} AND {where} GROUP BY 1",
                    [start, end, registered_by],
                )
            )
    stmts.append(
        (
            f"SELECT {y('c.charging_decision_date')}, c.charging_decision, COUNT(*) FROM cases_case "
            f"c WHERE c.charging_decision_date BETWEEN %s AND %s AND {reg} AND "
            "c.charging_decision <> '' GROUP BY 1, 2",
            [start, end, registered_by],
        )
    )
    stmts.append(
        (
            f"SELECT {y('c.finalised_date')}, c.unsuccessful_reason_id, COUNT(*) FROM cases_case c "
            "JOIN reference_finalisationoutcome o ON o.id = c.outcome_id WHERE c.finalised_date "
            f"BETWEEN %s AND %s AND {reg} AND NOT o.is_conviction GROUP BY 1, 2",
            [start, end, registered_by],
        )
    )
    stmts.append(
        (
            "SELECT year, SUM(value) FROM interchange_nrmstatistic WHERE "
            "\"table\" = 'referrals' GROUP BY year",
            [],
        )
    )
    return stmts


def main():
    args = parse_args()
    url = setup(args)
    from django.db import connection
    from django.db.models import Max
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from msht.cases.models import Case, CaseEvent
    from msht.insight import periods
    from msht.insight.measures import ALL
    from msht.insight.packs import NATIONAL_PACK, build_pack

    vendor = connection.vendor
    latest = Case.objects.aggregate(m=Max("referral_date"))["m"] or timezone.localdate()
    last = periods.month_index(latest)
    period = periods.MonthRange(last - 1, last)
    trend = periods.MonthRange(last - 119, last)
    registered_by = timezone.now()
    cases, events = Case.objects.count(), CaseEvent.objects.count()
    print(
        f"{vendor}: {cases:,} cases, {events:,} events; pack {period.text()} with 120 months "
        f"of trends ({trend.describe()})"
    )

    def orm_pack():
        return build_pack(
            kind=NATIONAL_PACK,
            period=period,
            scope=ALL,
            history_months=120,
            registered_by=registered_by,
        )

    stmts = hand_written(
        vendor, trend.start_date, trend.end_date, period.start_date, period.end_date, registered_by
    )

    def raw_pack():
        results = []
        with connection.cursor() as cursor:
            for sql, params in stmts:
                cursor.execute(sql, params)
                results.append(cursor.fetchall())
        return results

    # Warm both once (caches, statistics), and check the headline figures agree.
    with CaptureQueriesContext(connection) as captured:
        pack = orm_pack()
    raw = raw_pack()
    referrals_orm = sum(v for v in pack.tables[0].rows[-1][-1:])
    referrals_raw = sum(row[2] for row in raw[0])
    assert referrals_orm == referrals_raw, (referrals_orm, referrals_raw)
    convictions_orm = pack.tables[4].rows[-1][-1]
    convictions_raw = sum(row[2] for row in raw[4])
    assert convictions_orm == convictions_raw, (convictions_orm, convictions_raw)
    print(
        f"  pack: {len(pack.tables)} tables from {len(captured.captured_queries)} queries; "
        f"hand-written: {len(stmts)} statements; police referrals {referrals_orm:,}, "
        f"convictions {convictions_orm:,} in both"
    )

    orm_times, raw_times = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        raw_pack()
        raw_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        orm_pack()
        orm_times.append(time.perf_counter() - started)
    orm, raw_t = statistics.median(orm_times), statistics.median(raw_times)
    print(f"  hand-written SQL: median {raw_t:.2f} s over {args.repeat} runs")
    print(f"  national pack:    median {orm:.2f} s over {args.repeat} runs")
    print(f"  ratio pack / hand-written SQL: {orm / raw_t:.2f} x (target P3: at most 2 x)")
    print(f"  database: {url.split('@')[-1]}")


if __name__ == "__main__":
    main()
