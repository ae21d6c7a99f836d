"""A hand-counted deployment for the figures tests, built through the services.

Deployment in Albania, 1 May 2023 to 28 February 2026 (financial years 2023-24 to 2025-26).
Costs: 2023-24 £150,000 (100,000 + 10,000 + 40,000); 2024-25 £100,000; 2025-26 not recorded.
Activities: 2023-24 trained 30 + 20 = 50 officials and supported 3 cases; 2024-25 trained 40.
Indicator A (baseline 10 on 1 May 2023): targets 100 each year; actuals 100 in 2023-24
(exactly 100%: met), 75 in 2024-25 (exactly 75%: partly met), none in 2025-26 (too early).
Indicator B: target 40 in 2023-24, actual 29.99 (74.975%: not met); target 10 in 2024-25,
actual 20 (met).
"""

from datetime import date
from decimal import Decimal

from msht.international import services
from msht.reference.models import Nationality


def deployment(actor, *, code="ALB", start=date(2023, 5, 1), end=date(2026, 2, 28), **extra):
    fields = {
        "country": Nationality.objects.get(code=code),
        "region": "western_balkans",
        "post": f"British Embassy ({code})",
        "adviser": None,
        "adviser_name": "Helen Marsh",
        "start_date": start,
        "end_date": end,
        "funding_line": "Modern Slavery Fund",
        "status": "active",
        **extra,
    }
    return services.deployment_create(actor=actor, **fields)


def hand_counted(actor):
    d = deployment(actor)
    services.deployment_cost_record(
        actor=actor,
        deployment=d,
        financial_year="2023-24",
        staff=Decimal(100000),
        travel=Decimal(10000),
        programme=Decimal(40000),
    )
    services.deployment_cost_record(
        actor=actor,
        deployment=d,
        financial_year="2024-25",
        staff=Decimal(90000),
        travel=Decimal(5000),
        programme=Decimal(5000),
    )
    capacity = services.objective_add(
        actor=actor, deployment=d, kind="capacity_building", description="Train officials"
    )
    casework = services.objective_add(
        actor=actor, deployment=d, kind="casework_support", description="Support cases"
    )
    for day, kind, quantity, objective in (
        (date(2023, 6, 10), "training", 30, capacity),
        (date(2023, 9, 10), "training", 20, capacity),
        (date(2023, 7, 1), "case_support", 3, casework),
        (date(2024, 6, 1), "training", 40, capacity),
    ):
        services.activity_record(
            actor=actor,
            objective=objective,
            kind=kind,
            delivered_on=day,
            description="Activity",
            quantity=quantity,
        )
    a = services.indicator_add(
        actor=actor,
        objective=capacity,
        name="Officials trained",
        definition="Count",
        unit="officials",
        baseline_value=Decimal(10),
        baseline_date=date(2023, 5, 1),
    )
    b = services.indicator_add(
        actor=actor,
        objective=casework,
        name="Requests executed",
        definition="Share",
        unit="per cent",
        baseline_value=Decimal(5),
        baseline_date=date(2023, 5, 1),
    )
    for indicator, year, target, actual in (
        (a, "2023-24", 100, "100"),
        (a, "2024-25", 100, "75"),
        (a, "2025-26", 100, None),
        (b, "2023-24", 40, "29.99"),
        (b, "2024-25", 10, "20"),
    ):
        services.indicator_target_set(
            actor=actor, indicator=indicator, financial_year=year, value=Decimal(target)
        )
        if actual is not None:
            services.indicator_actual_record(
                actor=actor,
                indicator=indicator,
                financial_year=year,
                value=Decimal(actual),
                measured_on=date(int(year[:4]) + 1, 4, 15),
                source="Annual return",
            )
    return d
