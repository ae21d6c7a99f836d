import pytest

from msht.reference.loader import load_reference_data
from msht.reference.models import (
    Area,
    ExploitationType,
    FinalisationOutcome,
    Language,
    Nationality,
    Offence,
    PoliceForce,
    Unit,
    UnsuccessfulReason,
)

pytestmark = pytest.mark.django_db


def test_areas_cps_direct_and_hq_divisions():
    assert Area.objects.filter(kind=Area.Kind.AREA).count() == 14
    assert Area.objects.filter(kind=Area.Kind.CPS_DIRECT).count() == 1
    assert Area.objects.filter(kind=Area.Kind.HQ_DIVISION).count() >= 2


def test_units_forces_and_codes():
    assert set(Unit.objects.values_list("code", flat=True)) == {
        "CCU",
        "RASSO",
        "CROWN",
        "MAGS",
        "CPSD",
        "HQ",
    }
    # 43 territorial forces of England and Wales, British Transport Police and the NCA.
    assert PoliceForce.objects.count() == 45
    assert all(
        len(code) == 2 and code.isdigit()
        for code in PoliceForce.objects.values_list("code", flat=True)
    )
    assert PoliceForce.objects.get(code="01").name == "Metropolitan Police Service"
    assert PoliceForce.objects.filter(area__isnull=True).count() == 2


def test_offence_catalogue_has_msa_sections_with_maxima():
    for section, maximum in (
        ("s1", "Life"),
        ("s2", "Life"),
        ("s4", "10 years"),
        ("s30", "5 years"),
    ):
        offence = Offence.objects.get(statute="Modern Slavery Act 2015", section=section)
        assert offence.is_msa and maximum in offence.maximum_sentence
    assert Offence.objects.filter(is_msa=False).count() >= 10


def test_outcomes_reasons_and_exploitation_types():
    assert FinalisationOutcome.objects.filter(is_conviction=True).count() >= 2
    assert UnsuccessfulReason.objects.filter(code="VICTIM-RETRACTION").exists()
    assert ExploitationType.objects.count() == 7


def test_iso_countries_and_languages():
    assert Nationality.objects.count() >= 249
    assert Nationality.objects.get(code="ALB").alpha_2 == "AL"
    assert Language.objects.get(code="sqi").alpha_2 == "sq"  # Albanian
    assert Language.objects.filter(code="tir").exists()  # Tigrinya


def test_reload_is_idempotent_and_never_deletes_or_reenables():
    counts = (Area.objects.count(), Nationality.objects.count(), Language.objects.count())
    area = Area.objects.get(code="WESSEX")
    area.disable()
    load_reference_data()
    assert (Area.objects.count(), Nationality.objects.count(), Language.objects.count()) == counts
    area.refresh_from_db()
    # Disabling survives a reload: the loader updates names, never the disabled date.
    assert area.disabled_on is not None
    assert not Area.objects.enabled().filter(code="WESSEX").exists()
