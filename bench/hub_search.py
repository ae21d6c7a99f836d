"""P5: casework hub search over 100,000 generated items, p95 against baseline queries.

    .venv/bin/python bench/hub_search.py [--items 100000] [--database-url URL] [--rounds 20]

1. Uses DATABASE_URL (or --database-url; default a SQLite file under /tmp), migrates it and
   generates published items until it holds --items (bulk inserts; the database triggers fill
   the FTS5 index on SQLite and the tsvector column on PostgreSQL, as in production). Items have
   Markdown-like bodies of 120-300 words drawn from a modern slavery casework vocabulary with a
   Zipf-like spread, 1-3 legal issues, an exploitation type and an Area; about 1 in 200 mention
   "pre-recorded cross-examination".
2. Times, in one run and interleaved round by round:
   - search: `items_search` (the selector behind /hub/?q=...) for a mix of rare and common
     queries, some with filters, first page of 20 with the total count and highlighted snippets;
   - baseline 1: a primary-key lookup of a random item (`Item.objects.get(pk=...)`);
   - baseline 2: the same selector with no words (the newest published items: an indexed,
     LIKE-free query with a count), i.e. the hub's browse page.
3. Prints p50/p95 for each, the ratios, and p95 per query (target P5: search p95 about 50 ms).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("pre-recorded cross-examination", {}),
    ("section 45 defence", {}),
    ("prevention order before charge", {}),
    ("joint investigation team evidence", {}),
    ("interpreter dialect", {}),
    ("trafficking", {}),
    ("labour exploitation wages", {"exploitation_type": "LABOUR"}),
    ("county lines child", {"legal_issue": "COUNTY-LINES"}),
    ("special measures", {"area": "WEST-MIDLANDS"}),
    ("hearsay victim withdrew", {}),
    ("confiscation reparation", {"kind": "guidance"}),
    ("nrm conclusive grounds", {}),
]

COMMON = """the of and to a in that is was for on with as by at from this be it an are which
were has had not but or their they after before when where who case court victim prosecution
evidence defendant trial police lawyer charge charged hearing witness offence decision file""".split()
DOMAIN = """trafficking slavery servitude exploitation forced labour compulsory coercion control
recruited wages accounts debt bondage passport confiscated accommodation agency gangmaster
farm factory car wash nail bar cannabis county lines runner drugs supply domestic sexual
brothel online advertising transport travel arranged abroad border immigration nrm referral
reasonable grounds conclusive grounds single competent authority interpreter intermediary
dialect special measures screens live link video recorded evidence ground rules section
defence compulsion schedule public interest full code test evidential stage review
prevention order risk order reparation confiscation compensation proceeds financial
investigator bank statements money transfers phone download messages cell site jit
eurojust mutual legal assistance letter of request extradition europol romania albania
vietnam poland sentencing guidelines culpability harm aggravating mitigating disclosure
unused material schedule retraction withdrew support hearsay bad character application
age assessment child safeguarding local authority guardian""".split()
PHRASE = "pre-recorded cross-examination"
KINDS = ["case_study", "point_of_law", "good_practice", "lesson", "guidance", "jit"]


def _words(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        if rng.random() < 0.55:
            out.append(COMMON[min(int(rng.paretovariate(1.2)) - 1, len(COMMON) - 1)])
        else:
            out.append(
                DOMAIN[min(int(rng.paretovariate(0.9)) - 1, len(DOMAIN) - 1)]
                if rng.random() < 0.5
                else rng.choice(DOMAIN)
            )
    return out


def generate(total: int, seed: int = 2015) -> None:
    from django.db import transaction
    from django.utils import timezone

    from msht.accounts.models import User
    from msht.hub.catalogue import load_hub_tags
    from msht.hub.models import Item, LegalIssue, Status
    from msht.reference.models import Area, ExploitationType

    load_hub_tags()
    have = Item.objects.count()
    if have >= total:
        return
    author, _ = User.objects.get_or_create(
        email="bench-hub-author@example.test",
        defaults={"full_name": "Bench Author", "role": "hub_editor"},
    )
    rng = random.Random(seed + have)
    issues = list(LegalIssue.objects.values_list("pk", flat=True))
    types = list(ExploitationType.objects.values_list("pk", flat=True))
    areas = list(Area.objects.filter(kind="area").values_list("pk", flat=True))
    issue_link, type_link, area_link = (
        Item.legal_issues.through,
        Item.exploitation_types.through,
        Item.areas.through,
    )
    now = timezone.now()
    batch = 2000
    started = time.perf_counter()
    for start in range(have, total, batch):
        size = min(batch, total - start)
        rows = []
        for n in range(size):
            title = " ".join(_words(rng, rng.randint(5, 10))).capitalize()
            paragraphs = [" ".join(_words(rng, rng.randint(40, 100))) for _ in range(3)]
            if rng.random() < 0.005:
                paragraphs[rng.randrange(3)] += f" an application for {PHRASE} under s28"
                if rng.random() < 0.3:
                    title = f"{PHRASE.capitalize()} {title}"
            body = "\n\n".join(paragraphs)
            published = now - __import__("datetime").timedelta(minutes=start + n)
            rows.append(
                Item(
                    kind=rng.choice(KINDS),
                    title=title[:200],
                    summary=" ".join(_words(rng, 25)),
                    body=body,
                    body_html=f"<p>{body}</p>",
                    body_text=body,
                    keywords="",
                    status=Status.PUBLISHED,
                    author=author,
                    published_by=author,
                    created_at=published,
                    updated_at=published,
                    published_at=published,
                    last_reviewed_at=published,
                    review_by=(published + __import__("datetime").timedelta(days=365)).date(),
                )
            )
        with transaction.atomic():
            created = Item.objects.bulk_create(rows)
            ids = [item.pk for item in created]
            if ids[0] is None:  # backends without RETURNING: fetch the ids just written
                ids = list(Item.objects.order_by("-id").values_list("id", flat=True)[:size])
            issue_link.objects.bulk_create(
                [
                    issue_link(item_id=pk, legalissue_id=i)
                    for pk in ids
                    for i in rng.sample(issues, rng.randint(1, 3))
                ]
            )
            type_link.objects.bulk_create(
                [type_link(item_id=pk, exploitationtype_id=rng.choice(types)) for pk in ids]
            )
            area_link.objects.bulk_create(
                [area_link(item_id=pk, area_id=rng.choice(areas)) for pk in ids]
            )
        done = start + size
        rate = (done - have) / (time.perf_counter() - started)
        print(f"\r  generated {done:,} / {total:,} items ({rate:,.0f}/s)", end="", flush=True)
    print()


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "sqlite:////tmp/msht_bench_hub.sqlite3"),
    )
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msht.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from msht.accounts.models import User
    from msht.hub.models import Item
    from msht.hub.selectors import SearchFilters, items_search

    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor} ({args.database_url.split('@')[-1]})")
    generate(args.items)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE hub_item")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    reader, _ = User.objects.get_or_create(
        email="bench-hub-reader@example.test",
        defaults={"full_name": "Bench Reader", "role": "national_lead"},
    )
    ids = list(Item.objects.values_list("pk", flat=True))
    total = len(ids)
    rng = random.Random(7)

    def timed(fn) -> float:
        began = time.perf_counter()
        fn()
        return (time.perf_counter() - began) * 1000

    def run_search(query, filters):
        page = items_search(user=reader, query=query, filters=SearchFilters(**filters))
        results = list(page.object_list)
        return page.paginator.count, results

    def run_browse():
        page = items_search(user=reader, query="")
        return page.paginator.count, list(page.object_list)

    def run_pk():
        Item.objects.get(pk=rng.choice(ids))

    # Warm up caches and connections.
    for query, filters in QUERIES:
        run_search(query, filters)
    run_browse()
    run_pk()

    search, browse, pk = [], [], []
    per_query: dict[str, list[float]] = {q: [] for q, _ in QUERIES}
    counts = {}
    for _ in range(args.rounds):
        for query, filters in QUERIES:
            elapsed = timed(lambda q=query, f=filters: counts.__setitem__(q, run_search(q, f)[0]))
            search.append(elapsed)
            per_query[query].append(elapsed)
            pk.append(timed(run_pk))
            browse.append(timed(run_browse))
        reset_queries()

    first, _ = counts[QUERIES[0][0]], None
    top = run_search(QUERIES[0][0], {})[1][:3]
    print(f"Items: {total:,}. '{QUERIES[0][0]}' matches {first:,}; top results:")
    for result in top:
        print(f"  {result.rank:8.3f}  {result.item.title[:70]}")
    print()
    print(f"{'work':<44}{'samples':>8}{'p50 ms':>10}{'p95 ms':>10}")
    for label, samples in (
        ("search (12 queries, page 1 + count)", search),
        ("baseline: primary-key lookup", pk),
        ("baseline: browse newest (no words) + count", browse),
    ):
        print(
            f"{label:<44}{len(samples):>8}{statistics.median(samples):>10.2f}"
            f"{pct(samples, 0.95):>10.2f}"
        )
    print()
    print(f"search p95 / primary-key p95: {pct(search, 0.95) / pct(pk, 0.95):,.1f}x")
    print(f"search p95 / browse p95:      {pct(search, 0.95) / pct(browse, 0.95):,.2f}x")
    print(f"search p95: {pct(search, 0.95):.1f} ms (target P5: about 50 ms)")
    print()
    print(f"{'query':<44}{'matches':>10}{'p95 ms':>10}")
    for query, filters in QUERIES:
        label = query + (
            f" [{', '.join(f'{k}={v}' for k, v in filters.items())}]" if filters else ""
        )
        print(f"{label[:43]:<44}{counts[query]:>10,}{pct(per_query[query], 0.95):>10.2f}")


if __name__ == "__main__":
    main()
