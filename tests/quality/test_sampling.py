"""Property tests for stratified sampling: proportions hold, the same seed gives the same sample."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msht.quality.sampling import SampleRefused, allocate, draw, sample_size

strata_sizes = st.dictionaries(
    st.text(alphabet="ABCDEFGH/", min_size=1, max_size=6),
    st.integers(min_value=0, max_value=60),
    min_size=1,
    max_size=8,
).map(lambda d: d if sum(d.values()) else {**d, next(iter(d)): 1})

# The machines are shared and noisy: judge the property, not the generator's speed.
QUALITY = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


def population_from(sizes: dict[str, int]) -> list[tuple[str, int]]:
    members, next_id = [], 1
    for key, size in sizes.items():
        for _ in range(size):
            members.append((key, next_id))
            next_id += 1
    return members


@QUALITY
@given(sizes=strata_sizes, data=st.data())
def test_allocation_is_within_one_of_each_strata_exact_share(sizes, data):
    total = sum(sizes.values())
    n = data.draw(st.integers(min_value=0, max_value=total))
    counts = allocate(sizes, n)
    assert sum(counts.values()) == n
    for key, size in sizes.items():
        exact = size * n / total
        assert abs(counts[key] - exact) < 1
        assert 0 <= counts[key] <= size


@given(sizes=strata_sizes, seed=st.integers(min_value=0, max_value=2**63 - 1), data=st.data())
@settings(QUALITY, max_examples=150)
def test_draw_keeps_strata_proportions_and_never_repeats_a_case(sizes, seed, data):
    population = population_from(sizes)
    n = data.draw(st.integers(min_value=1, max_value=len(population)))
    drawn = draw(population, n, seed)
    ids = [member for _, member in drawn]
    assert len(ids) == n == len(set(ids))
    membership = {member: key for key, member in population}
    for key, member in drawn:
        assert membership[member] == key
    for key, size in sizes.items():
        got = sum(1 for k, _ in drawn if k == key)
        assert abs(got - size * n / len(population)) < 1


@QUALITY
@given(sizes=strata_sizes, seed=st.integers(min_value=0, max_value=2**63 - 1), data=st.data())
def test_same_seed_same_sample_whatever_the_input_order(sizes, seed, data):
    population = population_from(sizes)
    n = data.draw(st.integers(min_value=1, max_value=len(population)))
    shuffled = data.draw(st.permutations(population))
    assert draw(population, n, seed) == draw(list(shuffled), n, seed)


def test_different_seeds_usually_give_different_samples():
    population = population_from({"CCU/LABOUR": 50, "CROWN/SEXUAL": 50})
    samples = {tuple(draw(population, 10, seed)) for seed in range(20)}
    assert len(samples) > 15


@QUALITY
@given(
    population=st.integers(min_value=1, max_value=10_000),
    rate=st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2),
)
def test_rate_gives_a_size_within_the_population(population, rate):
    n = sample_size(population, rate_percent=rate)
    assert 1 <= n <= population
    assert abs(n - float(rate) * population / 100) <= max(1, 0.5 + 1e-9)


@pytest.mark.parametrize(
    ("population", "kwargs", "message"),
    [
        (10, {"count": 11}, "cannot be larger than the population"),
        (0, {"count": 1}, "no cases to sample"),
        (10, {"rate_percent": Decimal(0)}, "more than 0%"),
        (10, {"rate_percent": Decimal(101)}, "no more than 100%"),
        (10, {"count": 0}, "1 or more"),
        (10, {}, "either a share"),
    ],
)
def test_bad_sizes_are_refused_with_a_clear_message(population, kwargs, message):
    with pytest.raises(SampleRefused, match=message):
        sample_size(population, **kwargs)


def test_seed_out_of_range_is_refused():
    with pytest.raises(SampleRefused, match="seed"):
        draw([("A", 1)], 1, -1)
