"""Stratified random sampling, kept free of the database so it can be tested on its own.

- `sample_size(population, rate_percent=..., count=...)`: how many cases to draw.
- `allocate(strata_sizes, n)`: proportional allocation by the largest remainder method, so the
  total is exactly `n` and every stratum gets within one case of its exact share.
- `draw(population, n, seed)`: the drawn members, the same for the same population and seed.

Reproducibility rests on three things: the population is put in a fixed order (strata by key,
members by id), the generator is `random.Random(seed)` (Mersenne Twister, stable across Python
versions for `sample` on a list), and strata are visited in that fixed order.
"""

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

MAX_SEED = 2**63 - 1


class SampleRefused(ValueError):
    """The sample asked for cannot be drawn; the message says why, for the user."""


def sample_size(
    population: int, *, rate_percent: Decimal | None = None, count: int | None = None
) -> int:
    if population <= 0:
        raise SampleRefused("There are no cases to sample in that Area and period.")
    if (rate_percent is None) == (count is None):
        raise SampleRefused("Give either a share of the cases or a number of cases, not both.")
    if count is not None:
        if count < 1:
            raise SampleRefused("The number of cases must be 1 or more.")
        if count > population:
            raise SampleRefused(
                f"The sample cannot be larger than the population: you asked for {count} "
                f"cases but there are only {population} in that Area and period."
            )
        return count
    rate = Decimal(rate_percent)
    if not (Decimal(0) < rate <= Decimal(100)):
        raise SampleRefused("The share of cases must be more than 0% and no more than 100%.")
    n = int((rate * population / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return max(1, n)


def allocate(strata_sizes: Mapping[str, int], n: int) -> dict[str, int]:
    """Split `n` across strata in proportion to their sizes (largest remainder, ties by key)."""
    total = sum(strata_sizes.values())
    if n > total:
        raise SampleRefused(
            f"The sample cannot be larger than the population: you asked for {n} cases but "
            f"there are only {total}."
        )
    if total == 0:
        return dict.fromkeys(strata_sizes, 0)
    quotas = {key: Fraction(size * n, total) for key, size in strata_sizes.items()}
    result = {key: int(quota) for key, quota in quotas.items()}  # floor, quotas are >= 0
    left = n - sum(result.values())
    by_remainder = sorted(quotas, key=lambda key: (-(quotas[key] - result[key]), key))
    for key in by_remainder[:left]:
        result[key] += 1
    return result


def draw(population: Iterable[tuple[str, int]], n: int, seed: int) -> list[tuple[str, int]]:
    """Draw `n` members from (stratum key, id) pairs; each id appears at most once."""
    if not (0 <= seed <= MAX_SEED):
        raise SampleRefused(f"The seed must be a whole number from 0 to {MAX_SEED}.")
    strata: dict[str, set[int]] = defaultdict(set)
    seen: set[int] = set()
    for key, member in population:
        if member in seen:  # a member belongs to one stratum only: the first one given
            continue
        seen.add(member)
        strata[key].add(member)
    ordered = {key: sorted(strata[key]) for key in sorted(strata)}
    counts = allocate({key: len(members) for key, members in ordered.items()}, n)
    rng = random.Random(seed)
    drawn: list[tuple[str, int]] = []
    for key, members in ordered.items():
        drawn.extend((key, member) for member in rng.sample(members, counts[key]))
    return drawn
