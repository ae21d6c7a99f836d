"""k-anonymity of the HTCDS export: no released combination describes fewer than k people."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msht.interchange.htcds import (
    HTCDS_COLUMNS,
    K_MINIMUM,
    QUASI_IDENTIFIERS,
    anonymise,
    nationality_region,
)

record = st.fixed_dictionaries(
    {
        "identification_year": st.sampled_from([str(y) for y in range(2015, 2025)] + ["Not known"]),
        "age_at_identification": st.sampled_from(
            ["0-17", "18-24", "25-34", "35-44", "45-54", "55+", "Not known"]
        ),
        "gender": st.sampled_from(["Female", "Male", "Other", "Not known"]),
        "citizenship_region": st.sampled_from(
            ["Europe (UK)", "Europe (EU and EEA)", "Africa", "Asia", "Rest of world", "Not known"]
        ),
        "location_region": st.sampled_from(["London North", "Wessex", "North West", "Cymru-Wales"]),
        "exploitation_forced_criminality": st.booleans(),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(record, max_size=400), st.integers(min_value=K_MINIMUM, max_value=25))
def test_every_released_combination_describes_at_least_k_records(records, k):
    release = anonymise(records, k=k)
    groups = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in release.records)
    assert all(count >= k for count in groups.values())
    assert release.suppressed + len(release.records) == len(records)
    assert release.smallest_group is None or release.smallest_group >= k


def test_generalisation_is_preferred_to_heavy_suppression():
    bands = ["18-24", "25-34", "35-44", "45-54", "55+"]
    records = [
        {
            "identification_year": str(2016 + i % 8),
            "age_at_identification": bands[i % 5],
            "gender": "Male",
            "citizenship_region": "Asia",
            "location_region": "London North",
        }
        for i in range(200)
    ]
    release = anonymise(records, k=11)
    # Year x age band gives groups of 5: too small. Child/adult gives 8 groups of 25.
    assert release.step == 1
    assert release.suppressed == 0 and release.smallest_group == 25


def test_small_populations_are_suppressed_entirely():
    records = [
        {
            "identification_year": "2020",
            "age_at_identification": "0-17",
            "gender": "Female",
            "citizenship_region": "Africa",
            "location_region": "Wessex",
        }
    ] * 10
    release = anonymise(records, k=11)
    assert release.records == [] and release.suppressed == 10


def test_k_below_eleven_is_refused():
    with pytest.raises(ValueError):
        anonymise([], k=5)


def test_forced_criminality_is_a_field_and_nationality_goes_to_regions():
    assert "exploitation_forced_criminality" in HTCDS_COLUMNS
    assert nationality_region("ALB") == "Europe (other)"
    assert nationality_region("GBR") == "Europe (UK)"
    assert nationality_region(None) == "Not known"
