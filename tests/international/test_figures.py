from datetime import date
from decimal import Decimal

from msht.international import figures
from msht.international.models import Deployment
from msht.international.ratings import Rating
from msht.reference.models import Nationality

from .factories import deployment, hand_counted

AS_AT = date(2026, 6, 1)


def _snapshot(as_at=AS_AT):
    return figures.load_snapshot(Deployment.objects.all(), as_at=as_at)


def test_ratings_against_the_hand_count(intl):
    hand_counted(intl)
    snapshot = _snapshot()
    assert figures.rating_counts(snapshot, years=[2023]) == {
        Rating.MET: 1,
        Rating.PARTLY_MET: 0,
        Rating.NOT_MET: 1,
        Rating.TOO_EARLY: 0,
    }
    assert figures.rating_counts(snapshot, years=[2024]) == {
        Rating.MET: 1,
        Rating.PARTLY_MET: 1,
        Rating.NOT_MET: 0,
        Rating.TOO_EARLY: 0,
    }
    assert figures.rating_counts(snapshot, years=[2025])[Rating.TOO_EARLY] == 1
    # Before 2023-24 ended, its targets are too early whatever was recorded.
    early = _snapshot(date(2024, 3, 31))
    assert figures.rating_counts(early, years=[2023])[Rating.TOO_EARLY] == 2


def test_value_for_money_against_the_hand_count(intl):
    hand_counted(intl)
    snapshot = _snapshot()
    d = snapshot.deployments

    def vfm(years):
        return figures.value_for_money(snapshot, deployments=d, years=years, label="x")

    first = vfm([2023])
    assert (first.cost, first.trained, first.cases, first.targets_met) == (
        Decimal(150000),
        50,
        3,
        1,
    )
    assert first.per_official_trained == Decimal("3000.00")
    assert first.per_case_supported == Decimal("50000.00")
    assert first.per_target_met == Decimal("150000.00")
    second = vfm([2024])
    assert second.per_official_trained == Decimal("2500.00")
    assert second.per_case_supported is None  # no case supported: not available, never 0
    assert second.per_target_met == Decimal("100000.00")
    third = vfm([2025])  # no cost recorded
    assert third.cost is None
    assert (third.per_official_trained, third.per_case_supported, third.per_target_met) == (
        None,
        None,
        None,
    )
    both = vfm([2023, 2024])
    assert both.per_official_trained == Decimal("2777.78")
    assert both.per_case_supported == Decimal("83333.33")
    assert both.per_target_met == Decimal("125000.00")
    assert vfm(None).cost is None  # 2025-26 has begun and has no cost


def test_country_with_nothing_begun_is_not_available(intl):
    hand_counted(intl)
    deployment(intl, code="VNM", start=date(2027, 1, 1), end=date(2028, 1, 1))
    rows = {row.label: row for row in figures.by_country(_snapshot(), years=None)}
    assert rows[Nationality.objects.get(code="VNM").name].cost is None
    assert rows[Nationality.objects.get(code="VNM").name].per_official_trained is None


def test_snapshot_queries_do_not_grow(intl, django_assert_max_num_queries):
    hand_counted(intl)
    hand_counted(intl)
    with django_assert_max_num_queries(5):
        figures.load_snapshot(Deployment.objects.all(), as_at=AS_AT)


def test_a_year_not_begun_is_not_available_not_zero(intl):
    hand_counted(intl)
    later = deployment(intl, code="ROU", start=date(2025, 1, 6), end=date(2026, 12, 1))
    snapshot = _snapshot()
    rou = [d for d in snapshot.deployments if d.pk == later.pk]
    vfm = figures.value_for_money(snapshot, deployments=rou, years=[2023], label="x")
    assert vfm.cost is None and vfm.per_official_trained is None
