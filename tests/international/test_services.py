from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent
from msht.cases.urn import urn_display
from msht.international import casework_services, services
from msht.international.models import MlaRequest
from msht.international.validation import InternationalPermissionDenied
from msht.reference.models import Nationality
from tests.cases.factories import make_case
from tests.factories import UserFactory

from .factories import deployment


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


def _indicator(actor):
    d = deployment(actor)
    objective = services.objective_add(
        actor=actor, deployment=d, kind="capacity_building", description="Train"
    )
    return services.indicator_add(
        actor=actor,
        objective=objective,
        name="Trained",
        definition="Count",
        unit="officials",
        baseline_value=Decimal(10),
        baseline_date=date(2023, 9, 1),
    )


def test_actual_before_the_baseline_date_is_refused(intl):
    indicator = _indicator(intl)
    errors = _errors(
        lambda: services.indicator_actual_record(
            actor=intl,
            indicator=indicator,
            financial_year="2023-24",
            value=Decimal(5),
            measured_on=date(2023, 8, 31),
            source="Return",
        )
    )
    assert errors == {
        "measured_on": ["Date measured must be on or after the baseline date, 1 September 2023"]
    }


def test_target_period_outside_the_deployment_is_refused(intl):
    indicator = _indicator(intl)
    errors = _errors(
        lambda: services.indicator_target_set(
            actor=intl, indicator=indicator, financial_year="2030-31", value=Decimal(5)
        )
    )
    assert errors == {
        "financial_year": [
            "Target period 2030-31 is outside the deployment, which runs from 1 May 2023 to "
            "28 February 2026"
        ]
    }
    errors = _errors(
        lambda: services.indicator_target_set(
            actor=intl, indicator=indicator, financial_year="2023-25", value=Decimal(0)
        )
    )
    assert errors == {
        "financial_year": ["Target period must be a financial year like 2025-26"],
        "value": ["Target must be greater than 0"],
    }


def test_negative_costs_are_refused(intl):
    d = deployment(intl)
    errors = _errors(
        lambda: services.deployment_cost_record(
            actor=intl,
            deployment=d,
            financial_year="2024-25",
            staff=Decimal("-1"),
            travel="abc",
            programme=Decimal("0"),
        )
    )
    assert errors == {
        "staff": ["Staff cost must be £0 or more"],
        "travel": ["Travel cost must be an amount in pounds, like 1250.50"],
    }
    assert not d.costs.exists()


def test_costs_replace_the_year_and_are_audited(intl):
    d = deployment(intl)
    for amount in ("10", "20"):
        services.deployment_cost_record(
            actor=intl,
            deployment=d,
            financial_year="2024-25",
            staff=Decimal(amount),
            travel=Decimal(0),
            programme=Decimal(0),
        )
    assert [c.total for c in d.costs.all()] == [Decimal(20)]
    assert AuditEvent.objects.filter(object_type="cja_deployment_cost").count() == 2


def test_unknown_and_out_of_scope_urns_get_the_same_message(intl, intl_case):
    domestic = make_case(area_code="LONDON-NORTH", international=False)
    common = {
        "actor": intl,
        "direction": "outgoing",
        "country": Nationality.objects.get(code="ALB"),
        "sent_on": date(2025, 1, 6),
        "asked": "Bank records",
    }
    missing = _errors(
        lambda: casework_services.mla_request_record(case_urns=["01YE9999924"], **common)
    )
    hidden = _errors(
        lambda: casework_services.mla_request_record(case_urns=[domestic.urn], **common)
    )
    template = "No case with an international element that you can link has the URN {}"
    assert missing == {"case_urns": [template.format(urn_display("01YE9999924"))]}
    assert hidden == {"case_urns": [template.format(domestic.urn_display)]}
    request = casework_services.mla_request_record(case_urns=[intl_case.urn], **common)
    assert list(request.cases.all()) == [intl_case]


def test_mla_conclusion_needs_its_date_in_order(intl, intl_case):
    common = {
        "actor": intl,
        "case_urns": [intl_case.urn],
        "direction": "outgoing",
        "country": Nationality.objects.get(code="ALB"),
        "sent_on": date(2025, 1, 6),
        "asked": "Bank records",
    }
    assert _errors(lambda: casework_services.mla_request_record(status="executed", **common)) == {
        "concluded_on": ["Enter the date the request was executed, refused or withdrawn"]
    }
    assert _errors(
        lambda: casework_services.mla_request_record(
            status="executed", concluded_on=date(2025, 1, 1), **common
        )
    ) == {"concluded_on": ["Date concluded must be on or after the date sent"]}


def test_stale_update_is_refused(intl, intl_case):
    request = casework_services.mla_request_record(
        actor=intl,
        case_urns=[intl_case.urn],
        direction="outgoing",
        country=Nationality.objects.get(code="ALB"),
        sent_on=date(2025, 1, 6),
        asked="Records",
    )
    casework_services.mla_request_update(
        actor=intl,
        request=request,
        expected_version=1,
        status="acknowledged",
        concluded_on=None,
        asked="Records",
    )
    errors = _errors(
        lambda: casework_services.mla_request_update(
            actor=intl,
            request=request,
            expected_version=1,
            status="executed",
            concluded_on=date(2025, 3, 3),
            asked="Records",
        )
    )
    assert "Someone else changed this record" in errors["version"][0]
    assert MlaRequest.objects.get().status == "acknowledged"


@pytest.mark.parametrize("role", [Role.NATIONAL_LEAD, Role.PROSECUTOR, Role.SCRUTINY])
def test_only_the_international_team_writes(db, role):
    with pytest.raises(InternationalPermissionDenied):
        deployment(UserFactory(role=role))


def test_learning_draft_keeps_the_link(intl, intl_case):
    jit = casework_services.jit_record(
        actor=intl,
        case_urns=[intl_case.urn],
        name="Operation Tide JIT",
        partner_countries=list(Nationality.objects.filter(code="ROU")),
        agency="NCA",
        eurojust_funding=None,
        started_on=date(2024, 2, 1),
    )
    item = casework_services.learning_draft(actor=intl, record=jit)
    jit.refresh_from_db()
    assert jit.hub_item == item
    assert (item.kind, item.status) == ("jit", "draft")
    assert casework_services.learning_draft(actor=intl, record=jit) == item
    # The prosecutor of the case's Area sees the case, so their draft links it.
    lawyer = UserFactory(role=Role.PROSECUTOR)
    mla = casework_services.mla_request_record(
        actor=intl,
        case_urns=[intl_case.urn],
        direction="incoming",
        country=Nationality.objects.get(code="ALB"),
        sent_on=date(2025, 1, 6),
        asked="Records",
    )
    drafted = casework_services.learning_draft(actor=lawyer, record=mla)
    assert list(drafted.cases.all()) == [intl_case]
