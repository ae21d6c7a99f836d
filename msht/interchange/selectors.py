"""Reads for imports, exports and partner data."""

from collections import defaultdict

from django.db.models import Q, QuerySet, Sum

from msht.accounts import access
from msht.accounts.roles import Capability, CaseScope

from .models import ImportBatch, NrmPublishedTotal, NrmStatistic, NrmTable


def batches_visible_to(user) -> QuerySet[ImportBatch]:
    """Everyone who may import sees their own batches; national roles see every batch."""
    if not access.can(user, Capability.DATA_IMPORT):
        return ImportBatch.objects.none()
    batches = ImportBatch.objects.select_related("created_by")
    if access.case_scope(user) == CaseScope.ALL:
        return batches
    return batches.filter(Q(created_by=user))


def nrm_referrals_by_year() -> dict[int, int]:
    """People referred to the NRM per calendar year (Home Office table 2, all ages and
    locations; the sum of the quarterly parts, never of the published 'Total' rows)."""
    rows = (
        NrmStatistic.objects.filter(table=NrmTable.REFERRALS)
        .values("year")
        .annotate(total=Sum("value"))
        .order_by("year")
    )
    return {row["year"]: row["total"] for row in rows}


def nrm_referrals_by_year_and_exploitation() -> dict[int, dict[str, int]]:
    """{year: {exploitation type: people}} from the first-responder tables (tables 11-14).

    These tables are published per quarter and per group of first responders, so a year
    covers only the quarters and responder groups imported (the demo imports 2023 Q4 for
    NGOs and local authorities). Combined types ('Sexual & Labour') are kept as published.
    """
    rows = (
        NrmStatistic.objects.filter(table=NrmTable.REFERRALS_BY_RESPONDER)
        .values("year", "exploitation_type")
        .annotate(total=Sum("value"))
        .order_by("year", "exploitation_type")
    )
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        result[row["year"]][row["exploitation_type"]] = row["total"]
    return dict(result)


def nrm_published_totals(table: str) -> dict[tuple[int, int | None], int]:
    """The Home Office's own totals for a table, by (year, quarter or None for the year),
    with every dimension 'all'."""
    rows = NrmPublishedTotal.objects.filter(
        table=table,
        age_group="",
        location="",
        decision="",
        responder_type="",
        responder="",
        exploitation_type="",
        gender="",
        nationality="",
    ).values_list("year", "quarter", "value")
    return {(year, quarter): value for year, quarter, value in rows}
