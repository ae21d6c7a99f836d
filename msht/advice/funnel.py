"""Partner figures beside the joint funnel: police returns, NRM reasonable and conclusive
grounds decisions (UK-wide, Home Office), and where the NRM data end."""

from collections import defaultdict
from typing import Any

from django.db.models import Q, Sum

from msht.insight import disclosure
from msht.interchange.models import NrmStatistic, NrmTable

from .models import PoliceReturn

NOT_YET_PUBLISHED = "Not yet published"


def nrm_decisions_by_year(table: str) -> dict[int, dict[str, int]]:
    """{year: {"Positive": n, "Negative": n}}: the quarterly parts, all ages (never the
    published 'Total' rows, which are kept apart)."""
    rows = (
        NrmStatistic.objects.filter(table=table, quarter__isnull=False)
        .values("year", "decision")
        .annotate(total=Sum("value"))
        .order_by()
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        result[row["year"]][row["decision"]] = row["total"]
    return dict(result)


def _police_q(scope: Any, filters: Any) -> Q:
    q = Q()
    if scope.police_force_id is not None:
        q &= Q(police_force_id=scope.police_force_id)
    if filters.area:
        q &= Q(police_force__area__code=filters.area)
    elif not scope.everything:
        from msht.accounts import access

        area_id = getattr(scope.user, "area_id", None)
        if access.case_scope(scope.user) != "all":
            q &= Q(police_force__area_id=area_id) if area_id else access.NOTHING
    return q


def police_returns_by_year(scope: Any, filters: Any) -> dict[int, dict[str, int]]:
    rows = (
        PoliceReturn.objects.filter(_police_q(scope, filters))
        .values("month__year")
        .annotate(
            crimes=Sum("crimes_recorded"),
            investigations=Sum("investigations_opened"),
            referrals=Sum("referrals_to_cps"),
        )
        .order_by()
    )
    return {row["month__year"]: row for row in rows}


POLICE_COLUMNS = [
    ("crimes", "Police: MSHT crimes recorded"),
    ("investigations", "Police: investigations opened"),
    ("referrals", "Police: referrals to the CPS (police return)"),
]
NRM_COLUMNS = [
    (NrmTable.REASONABLE_GROUNDS, "Positive", "NRM positive reasonable grounds (UK-wide)"),
    (NrmTable.REASONABLE_GROUNDS, "Negative", "NRM negative reasonable grounds (UK-wide)"),
    (NrmTable.CONCLUSIVE_GROUNDS, "Positive", "NRM positive conclusive grounds (UK-wide)"),
    (NrmTable.CONCLUSIVE_GROUNDS, "Negative", "NRM negative conclusive grounds (UK-wide)"),
]


def add_partner_figures(data: dict, scope: Any, filters: Any, audience: str) -> dict:
    """Add police and NRM decision columns to each funnel row (`row["partner"]`, a list of
    (label, value)) and say where the NRM data end instead of showing [x] after that."""
    police = police_returns_by_year(scope, filters)
    decisions = {t: nrm_decisions_by_year(t) for t in {c[0] for c in NRM_COLUMNS}}
    nrm_years = {y for d in decisions.values() for y in d} | {
        row["year"] for row in data["rows"] if isinstance(row.get("nrm"), int)
    }
    last = max(nrm_years) if nrm_years else None
    for row in data["rows"]:
        year = row["year"]
        after = last is not None and year > last  # nothing imported at all: [x]
        figures = []
        for key, label in POLICE_COLUMNS:
            value = police.get(year, {}).get(key)
            figures.append(
                (label, disclosure.NOT_AVAILABLE if value is None else _release(value, audience))
            )
        for table, decision, label in NRM_COLUMNS:
            value = decisions[table].get(year, {}).get(decision)
            if last is None:
                figures.append((label, disclosure.NOT_AVAILABLE))
            else:
                figures.append((label, NOT_YET_PUBLISHED if after else (value or 0)))
        if after and not isinstance(row.get("nrm"), int):
            row["nrm"] = NOT_YET_PUBLISHED
        row["partner"] = figures
    data["nrm_last_year"] = last
    data["nrm_note"] = (
        f"Home Office NRM figures are UK-wide and are shown beside a force or an Area for "
        f"context only. The figures imported here end in {last}; later years say 'not yet "
        "published' until newer Home Office tables are imported (Data > Import a file)."
        if last
        else "No Home Office NRM figures have been imported yet (Data > Import a file)."
    )
    return data


def _release(value: int, audience: str) -> int | str:
    return disclosure.release_count(value, audience)
