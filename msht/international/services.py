"""Writes for criminal justice adviser deployments: the deployment, its costs, objectives,
indicators with targets and actuals, and activities. Each service checks the actor may edit,
validates, writes and records its audit event in one transaction.

International casework (MLA, extradition, JITs) is in `casework_services`.
"""

from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.models import Nationality

from .models import (
    Activity,
    ActivityKind,
    Deployment,
    DeploymentCost,
    DeploymentStatus,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Objective,
    ObjectiveKind,
    Region,
)
from .periods import fy_label
from .validation import (
    CONFLICT_MESSAGE,
    InternationalPermissionDenied,
    choice,
    dates_in_order,
    financial_year,
    money,
    raise_if,
    text,
    year_within,
)


def _require_edit(actor: Any) -> None:
    if not access.international_may_edit(actor):
        raise InternationalPermissionDenied


def _deployment_fields(
    *,
    country: Nationality | None,
    region: str,
    post: str,
    adviser: Any,
    adviser_name: str,
    start_date: date | None,
    end_date: date | None,
    funding_line: str,
    status: str,
) -> dict:
    errors: dict[str, str] = {}
    if country is None:
        errors["country"] = "Select the country"
    choice(region, Region.values, field="region", message="Select the region", errors=errors)
    post = text(post, field="post", label="Post", errors=errors, limit=200)
    adviser_name = text(
        adviser_name,
        field="adviser_name",
        label="Adviser's name",
        errors=errors,
        limit=200,
        required=False,
    )
    if adviser is None and not adviser_name:
        errors["adviser_name"] = "Enter the adviser's name, or choose their account"
    if start_date is None:
        errors["start_date"] = "Enter the start date"
    if end_date is None:
        errors["end_date"] = "Enter the end date"
    dates_in_order(
        start_date,
        end_date,
        field="end_date",
        message="End date must be after the start date",
        errors=errors,
    )
    funding_line = text(
        funding_line, field="funding_line", label="Funding line", errors=errors, limit=200
    )
    choice(
        status, DeploymentStatus.values, field="status", message="Select the status", errors=errors
    )
    raise_if(errors)
    return {
        "country": country,
        "region": region,
        "post": post,
        "adviser": adviser,
        "adviser_name": "" if adviser is not None else adviser_name,
        "start_date": start_date,
        "end_date": end_date,
        "funding_line": funding_line,
        "status": status,
    }


def deployment_create(*, actor: Any, **details: Any) -> Deployment:
    """details: country, region, post, adviser, adviser_name, start_date, end_date,
    funding_line, status."""
    _require_edit(actor)
    fields = _deployment_fields(**details)
    with transaction.atomic():
        deployment = Deployment.objects.create(
            **fields, created_by=actor, created_at=timezone.now()
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="cja_deployment",
            object_id=deployment.pk,
            detail={"country": fields["country"].code, "status": fields["status"]},
        )
    return deployment


def deployment_update(
    *, actor: Any, deployment: Deployment, expected_version: int, **details: Any
) -> Deployment:
    _require_edit(actor)
    fields = _deployment_fields(**details)
    errors: dict[str, str] = {}
    with transaction.atomic():
        costs = DeploymentCost.objects.filter(deployment=deployment).values_list(
            "financial_year", flat=True
        )
        for year in costs:
            year_within(
                year,
                start=fields["start_date"],
                end=fields["end_date"],
                field="end_date",
                label="Costs recorded for",
                errors=errors,
            )
        raise_if(errors)
        updated = Deployment.objects.filter(pk=deployment.pk, version=expected_version).update(
            version=F("version") + 1, **fields
        )
        if not updated:
            raise_if({"version": CONFLICT_MESSAGE})
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type="cja_deployment",
            object_id=deployment.pk,
            detail={"fields": sorted(fields), "status": fields["status"]},
        )
    deployment.refresh_from_db()
    return deployment


def deployment_cost_record(
    *,
    actor: Any,
    deployment: Deployment,
    financial_year: int | str,
    staff: Decimal | str | None,
    travel: Decimal | str | None,
    programme: Decimal | str | None,
) -> DeploymentCost:
    """The costs of one financial year; recording a year again replaces its figures."""
    _require_edit(actor)
    errors: dict[str, str] = {}
    year = _year(financial_year, deployment, errors, label="Financial year")
    amounts = {
        name: money(value, field=name, label=label, errors=errors)
        for name, value, label in (
            ("staff", staff, "Staff cost"),
            ("travel", travel, "Travel cost"),
            ("programme", programme, "Programme cost"),
        )
    }
    raise_if(errors)
    with transaction.atomic():
        cost, created = DeploymentCost.objects.update_or_create(
            deployment=deployment,
            financial_year=year,
            defaults={**amounts, "created_by": actor, "created_at": timezone.now()},
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION if created else Operation.ALTERATION,
            object_type="cja_deployment_cost",
            object_id=cost.pk,
            detail={"deployment": deployment.pk, "financial_year": fy_label(cost.financial_year)},
        )
    return cost


def _year(value: int | str, deployment: Deployment, errors: dict, *, label: str) -> int | None:
    year = financial_year(value, field="financial_year", label=label, errors=errors)
    year_within(
        year,
        start=deployment.start_date,
        end=deployment.end_date,
        field="financial_year",
        label=label,
        errors=errors,
    )
    return year


def objective_add(*, actor: Any, deployment: Deployment, kind: str, description: str) -> Objective:
    _require_edit(actor)
    errors: dict[str, str] = {}
    choice(
        kind,
        ObjectiveKind.values,
        field="kind",
        message="Select the kind of objective",
        errors=errors,
    )
    description = text(
        description, field="description", label="Objective", errors=errors, limit=2000
    )
    raise_if(errors)
    with transaction.atomic():
        objective = Objective.objects.create(
            deployment=deployment, kind=kind, description=description, created_at=timezone.now()
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="cja_objective",
            object_id=objective.pk,
            detail={"deployment": deployment.pk, "kind": kind},
        )
    return objective


def indicator_add(
    *,
    actor: Any,
    objective: Objective,
    name: str,
    definition: str,
    unit: str,
    baseline_value: Decimal | None,
    baseline_date: date | None,
) -> Indicator:
    _require_edit(actor)
    errors: dict[str, str] = {}
    name = text(name, field="name", label="Indicator name", errors=errors, limit=200)
    definition = text(definition, field="definition", label="Definition", errors=errors, limit=2000)
    unit = text(unit, field="unit", label="Unit", errors=errors, limit=50)
    if baseline_value is None:
        errors["baseline_value"] = "Enter the baseline value"
    elif baseline_value < 0:
        errors["baseline_value"] = "Baseline value must be 0 or more"
    if baseline_date is None:
        errors["baseline_date"] = "Enter the baseline date"
    raise_if(errors)
    with transaction.atomic():
        indicator = Indicator.objects.create(
            objective=objective,
            name=name,
            definition=definition,
            unit=unit,
            baseline_value=cast(Decimal, baseline_value),
            baseline_date=cast(date, baseline_date),
            created_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="cja_indicator",
            object_id=indicator.pk,
            detail={"objective": objective.pk},
        )
    return indicator


def indicator_target_set(
    *, actor: Any, indicator: Indicator, financial_year: int | str, value: Decimal | None
) -> IndicatorTarget:
    """The target for one financial year; setting a year again replaces it."""
    _require_edit(actor)
    errors: dict[str, str] = {}
    deployment = indicator.objective.deployment
    year = _year(financial_year, deployment, errors, label="Target period")
    if value is None:
        errors["value"] = "Enter the target"
    elif value <= 0:
        errors["value"] = "Target must be greater than 0"
    raise_if(errors)
    with transaction.atomic():
        target, created = IndicatorTarget.objects.update_or_create(
            indicator=indicator,
            financial_year=year,
            defaults={"value": value, "created_at": timezone.now()},
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION if created else Operation.ALTERATION,
            object_type="cja_indicator_target",
            object_id=target.pk,
            detail={"indicator": indicator.pk, "financial_year": fy_label(cast(int, year))},
        )
    return target


def indicator_actual_record(
    *,
    actor: Any,
    indicator: Indicator,
    financial_year: int | str,
    value: Decimal | None,
    measured_on: date | None,
    source: str,
    evidence: str = "",
) -> IndicatorActual:
    _require_edit(actor)
    errors: dict[str, str] = {}
    deployment = indicator.objective.deployment
    year = _year(financial_year, deployment, errors, label="Period")
    if value is None:
        errors["value"] = "Enter the actual value"
    elif value < 0:
        errors["value"] = "Actual value must be 0 or more"
    if measured_on is None:
        errors["measured_on"] = "Enter the date the actual was measured"
    elif measured_on < indicator.baseline_date:
        errors["measured_on"] = (
            "Date measured must be on or after the baseline date, "
            f"{indicator.baseline_date.day} {indicator.baseline_date:%B %Y}"
        )
    source = text(source, field="source", label="Source", errors=errors, limit=200)
    evidence = text(
        evidence, field="evidence", label="Evidence note", errors=errors, limit=2000, required=False
    )
    if (
        year is not None
        and "financial_year" not in errors
        and IndicatorActual.objects.filter(indicator=indicator, financial_year=year).exists()
    ):
        errors["financial_year"] = (
            f"An actual for {fy_label(year)} is already recorded for this indicator"
        )
    raise_if(errors)
    with transaction.atomic():
        actual = IndicatorActual.objects.create(
            indicator=indicator,
            financial_year=cast(int, year),
            value=cast(Decimal, value),
            measured_on=cast(date, measured_on),
            source=source,
            evidence=evidence,
            created_by=actor,
            created_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="cja_indicator_actual",
            object_id=actual.pk,
            detail={"indicator": indicator.pk, "financial_year": fy_label(cast(int, year))},
        )
    return actual


def activity_record(
    *,
    actor: Any,
    objective: Objective,
    kind: str,
    delivered_on: date | None,
    description: str,
    quantity: int | None,
) -> Activity:
    _require_edit(actor)
    errors: dict[str, str] = {}
    deployment = objective.deployment
    choice(
        kind,
        ActivityKind.values,
        field="kind",
        message="Select the kind of activity",
        errors=errors,
    )
    if delivered_on is None:
        errors["delivered_on"] = "Enter the date of the activity"
    elif not deployment.start_date <= delivered_on <= deployment.end_date:
        errors["delivered_on"] = "Date of the activity must be within the deployment"
    description = text(
        description, field="description", label="Description", errors=errors, limit=500
    )
    if quantity is None:
        errors["quantity"] = "Enter how many"
    elif quantity < 0:
        errors["quantity"] = "Number must be 0 or more"
    raise_if(errors)
    with transaction.atomic():
        activity = Activity.objects.create(
            objective=objective,
            kind=kind,
            delivered_on=cast(date, delivered_on),
            description=description,
            quantity=cast(int, quantity),
            created_by=actor,
            created_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="cja_activity",
            object_id=activity.pk,
            detail={"objective": objective.pk, "kind": kind},
        )
    return activity
