from datetime import date

import pytest
from django.core.exceptions import ValidationError

from msht.cases import services

from ..factories import make_case

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


def test_risk_order_before_charge_but_not_prevention_order():
    case = make_case()
    order = services.order_record(
        actor=None,
        case=case,
        kind="risk",
        result="made",
        applied_on=date(2024, 1, 2),
        decided_on=date(2024, 1, 9),
        duration_months=24,
    )
    assert order.before_charge
    with pytest.raises(ValidationError) as error:
        services.order_record(
            actor=None, case=case, kind="prevention", result="applied", applied_on=date(2024, 1, 2)
        )
    assert "Only a risk order" in messages(error)["kind"][0]
    with pytest.raises(ValidationError) as error:
        services.order_record(
            actor=None,
            case=case,
            kind="risk",
            result="made",
            applied_on=date(2024, 1, 2),
            decided_on=date(2024, 1, 9),
            duration_months=12,
        )
    assert "at least 2 years" in messages(error)["duration_months"][0]
