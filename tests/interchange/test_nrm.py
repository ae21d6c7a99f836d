"""The real Home Office NRM tables import and reproduce the published totals."""

import io
from collections import Counter

import pytest
from django.db.models import Sum

from msht.interchange.demo import load_demo_partner_data, nrm_data_dir
from msht.interchange.models import ImportBatch, NrmPublishedTotal, NrmStatistic, NrmTable
from msht.interchange.selectors import (
    nrm_published_totals,
    nrm_referrals_by_year,
    nrm_referrals_by_year_and_exploitation,
)

pytestmark = [
    pytest.mark.django_db,
]


def test_the_published_tables_ship_with_the_service():
    assert sorted(path.name for path in nrm_data_dir().glob("*.csv")) == sorted(
        [
            "nrm_conclusive_grounds.csv",
            "nrm_duty_to_notify_2023_q4.csv",
            "nrm_duty_to_notify_longitudinal.csv",
            "nrm_reasonable_grounds.csv",
            "nrm_referrals_local-authority_2023_q4.csv",
            "nrm_referrals_longitudinal.csv",
            "nrm_referrals_ngo_2023_q4.csv",
        ]
    )


@pytest.fixture
def nrm():
    load_demo_partner_data(io.StringIO())


def parts(table, **filters):
    return NrmStatistic.objects.filter(table=table, **filters)


def test_every_file_imports(nrm):
    batches = ImportBatch.objects.all()
    assert batches.count() == 7
    assert set(batches.values_list("status", flat=True)) == {ImportBatch.Status.COMPLETED}
    assert set(NrmStatistic.objects.values_list("table", flat=True)) == set(NrmTable.values)


def test_referrals_reproduce_the_published_annual_totals(nrm):
    by_year = nrm_referrals_by_year()
    assert by_year[2016] == 3805
    assert by_year[2023] == 17004
    assert by_year[2022] == 16921


def test_no_total_is_stored_as_a_part(nrm):
    for field in (
        "age_group",
        "location",
        "decision",
        "responder",
        "exploitation_type",
        "gender",
        "nationality",
    ):
        values = NrmStatistic.objects.values_list(field, flat=True).distinct()
        assert not [v for v in values if v.lower() == "total" or v.lower().endswith(" total")]


def test_referral_parts_add_up_to_the_published_location_totals(nrm):
    published = Counter()
    for row in NrmPublishedTotal.objects.filter(table=NrmTable.REFERRALS):
        assert row.location == ""
        published[row.year] += row.value
    assert dict(published) == nrm_referrals_by_year()


@pytest.mark.parametrize(
    "table", [NrmTable.REASONABLE_GROUNDS, NrmTable.CONCLUSIVE_GROUNDS, NrmTable.DUTY_TO_NOTIFY]
)
def test_quarterly_parts_add_up_to_the_published_year_and_quarter_totals(nrm, table):
    totals = nrm_published_totals(table)
    assert totals
    for (year, quarter), value in totals.items():
        filters = {"year": year} if quarter is None else {"year": year, "quarter": quarter}
        assert parts(table, **filters).aggregate(s=Sum("value"))["s"] == value, (year, quarter)


def test_published_decision_figures(nrm):
    # Table 16: 2014 had 2,423 reasonable grounds decisions, 1,495 of them positive for adults.
    assert nrm_published_totals(NrmTable.REASONABLE_GROUNDS)[(2014, None)] == 2423
    assert (
        parts(
            NrmTable.REASONABLE_GROUNDS,
            year=2014,
            age_group="Adult (18 or over)",
            decision="Positive",
        ).aggregate(s=Sum("value"))["s"]
        == 1495
    )
    assert nrm_published_totals(NrmTable.DUTY_TO_NOTIFY)[(2023, None)] == 4929


def test_one_quarter_tables_add_up(nrm):
    dtn = parts(NrmTable.DUTY_TO_NOTIFY_NATIONALITY, year=2023, quarter=4)
    assert dtn.aggregate(s=Sum("value"))["s"] == 1044
    for responder_type, published in (("NGO and third sector", 221), ("Local Authority", 1017)):
        total = NrmPublishedTotal.objects.get(
            table=NrmTable.REFERRALS_BY_RESPONDER,
            responder_type=responder_type,
            responder="",
            exploitation_type="",
            age_group="",
            gender="",
            nationality="",
        )
        assert total.value == published
        assert (
            parts(NrmTable.REFERRALS_BY_RESPONDER, responder_type=responder_type).aggregate(
                s=Sum("value")
            )["s"]
            == published
        )


def test_referrals_by_exploitation(nrm):
    by_type = nrm_referrals_by_year_and_exploitation()
    assert list(by_type) == [2023]
    assert sum(by_type[2023].values()) == 221 + 1017
    assert "Total" not in by_type[2023]
    assert by_type[2023]["Criminal"] > 0


def test_loading_again_changes_nothing(nrm):
    before = (NrmStatistic.objects.count(), NrmPublishedTotal.objects.count())
    load_demo_partner_data(io.StringIO())
    assert (NrmStatistic.objects.count(), NrmPublishedTotal.objects.count()) == before
    last = ImportBatch.objects.order_by("-pk")[:7]
    assert all(b.rows_created == 0 and b.rows_updated == 0 for b in last)
