"""Orders: slavery and trafficking prevention and risk orders, compensation and the rest."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from msht.audit.models import Operation
from msht.reference.dates import long_date
from msht.reference.dates import today as _today

from ..models import (
    Case,
    CaseEvent,
    Defendant,
    Order,
    OrderKind,
    OrderResult,
)
from .common import (
    audit,
    event_add,
    touch_case,
)


def order_record(
    *,
    actor: Any,
    case: Case,
    kind: str,
    result: str,
    applied_on: date,
    defendant: Defendant | None = None,
    decided_on: date | None = None,
    duration_months: int | None = None,
    amount_pounds: Decimal | None = None,
    breached_on: date | None = None,
    expected_version: int | None = None,
) -> Order:
    errors: dict[str, str] = {}
    today = _today()
    if kind not in OrderKind.values:
        errors["kind"] = "Choose the kind of order"
    if result not in OrderResult.values:
        errors["result"] = "Choose what happened to the application"
    if not applied_on:
        errors["applied_on"] = "Enter the date of the application"
    elif applied_on > today:
        errors["applied_on"] = "Date of the application must be today or in the past"
    if result in (OrderResult.MADE, OrderResult.REFUSED) and not decided_on:
        errors["decided_on"] = "Enter the date of the court's decision"
    if decided_on and applied_on and decided_on < applied_on:
        errors["decided_on"] = (
            f"Date of the decision must be on or after the application ({long_date(applied_on)})"
        )
    elif decided_on and decided_on > today:
        errors["decided_on"] = "Date of the decision must be today or in the past"
    if breached_on and (
        result != OrderResult.MADE or kind not in (OrderKind.PREVENTION, OrderKind.RISK)
    ):
        errors["breached_on"] = "Only a prevention or risk order that was made can be breached"
    elif breached_on and decided_on and breached_on < decided_on:
        errors["breached_on"] = (
            f"Date of the breach must be on or after the order was made ({long_date(decided_on)})"
        )
    elif breached_on and breached_on > today:
        errors["breached_on"] = "Date of the breach must be today or in the past"
    if (
        kind == OrderKind.PREVENTION
        and result == OrderResult.MADE
        and duration_months is not None
        and duration_months < 60
    ):
        errors["duration_months"] = "A prevention order lasts at least 5 years (60 months)"
    if (
        kind == OrderKind.RISK
        and result == OrderResult.MADE
        and duration_months is not None
        and duration_months < 24
    ):
        errors["duration_months"] = "A risk order lasts at least 2 years (24 months)"
    if defendant is not None and defendant.case_id != case.pk:
        errors["defendant"] = "Choose a suspect or defendant of this case"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = touch_case(case, expected_version)
        before_charge = current.charge_date is None or applied_on < current.charge_date
        if before_charge and kind not in (OrderKind.RISK,):
            raise ValidationError({"kind": "Only a risk order can be applied for before charge"})
        order = Order.objects.create(
            case=current,
            defendant=defendant,
            kind=kind,
            result=result,
            applied_on=applied_on,
            decided_on=decided_on,
            before_charge=before_charge,
            duration_months=duration_months,
            amount_pounds=amount_pounds,
            breached_on=breached_on,
        )
        event_add(
            current,
            CaseEvent.Kind.ORDER,
            decided_on or applied_on,
            actor,
            order=order.pk,
            order_kind=kind,
            result=result,
        )
        audit(actor, Operation.COLLECTION, "order", order.pk, case=current.pk)
    return order
