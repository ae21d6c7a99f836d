from datetime import date

import pytest
from django.core.exceptions import ValidationError

from msht.cases import services
from msht.cases.models import Charge

from ..factories import make_case, make_charged_case, offence

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


def test_defendants_charges_pleas_and_sentence():
    case = make_charged_case()
    d1 = services.defendant_add(
        actor=None, case=case, reference="d1", age_band="25_34", gender="male"
    )
    assert d1.reference == "D1"
    with pytest.raises(ValidationError):
        services.defendant_add(actor=None, case=case, reference="D1")
    charge = services.charge_add(
        actor=None, defendant=d1, offence=offence("MSA-S2"), charged_on=date(2024, 3, 1)
    )
    assert charge.is_principal
    case.refresh_from_db()
    assert case.principal_offence.code == "MSA-S2"
    with pytest.raises(ValidationError) as error:
        services.charge_add(
            actor=None, defendant=d1, offence=offence("MSA-S1"), charged_on=date(2024, 2, 1)
        )
    assert (
        "on or after the case's charging decision date (1 March 2024)"
        in (messages(error)["charged_on"][0])
    )
    with pytest.raises(ValidationError):
        services.sentence_record(
            actor=None,
            defendant=d1,
            kind="immediate_custody",
            custody_months=60,
            sentenced_on=date(2024, 6, 1),
        )
    services.charge_result_record(
        actor=None,
        charge=charge,
        plea="guilty",
        plea_on=date(2024, 5, 1),
        verdict="convicted",
        verdict_on=date(2024, 5, 1),
    )
    sentence = services.sentence_record(
        actor=None,
        defendant=d1,
        kind="immediate_custody",
        custody_months=60,
        sentenced_on=date(2024, 6, 1),
    )
    assert sentence.custody_months == 60
    assert Charge.objects.get(pk=charge.pk).verdict == "convicted"


def test_s45_screening_rules():
    case = make_case()
    suspect = services.defendant_add(actor=None, case=case, reference="S1")
    with pytest.raises(ValidationError) as error:
        services.s45_screening_record(
            actor=None,
            defendant=suspect,
            indicator_screen="indicators",
            indicators=[],
            screened_on=date(2024, 1, 2),
            nrm_status="rg_positive",
            nrm_referred_on=date(2024, 1, 3),
            s45_result="not_in_public_interest",
            s45_considered_on=date(2024, 2, 1),
        )
    assert set(messages(error)) == {"indicators", "nrm_decision_on", "s45_rationale"}
    suspect = services.s45_screening_record(
        actor=None,
        defendant=suspect,
        indicator_screen="indicators",
        indicators=["debt", "controlled"],
        screened_on=date(2024, 1, 2),
        nrm_status="rg_positive",
        nrm_referred_on=date(2024, 1, 3),
        nrm_decision_on=date(2024, 1, 8),
        s45_result="not_in_public_interest",
        s45_considered_on=date(2024, 2, 1),
        s45_rationale="Compelled to deal drugs by the principal suspect.",
    )
    suspect.refresh_from_db()
    assert suspect.indicators == ["debt", "controlled"] and suspect.nrm_status == "rg_positive"
