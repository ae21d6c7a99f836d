"""Services for early advice: the rules of requesting, triaging, advising and linking."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from msht.advice import services
from msht.advice.models import RequestStatus
from msht.audit.models import AuditEvent, Operation
from msht.cases.models import Case
from msht.reference.dates import today
from msht.reference.models import Unit

from .factories import make_request, police_user, prosecutor, unit_head

pytestmark = pytest.mark.django_db


def accept(item, head, lawyer, **kw):
    return services.advice_request_accept(
        actor=head,
        request=item,
        expected_version=item.version,
        unit=kw.pop("unit", item.recommended_unit),
        lawyer=lawyer,
        **kw,
    )


def test_a_request_lands_in_the_forces_area_with_the_criteria_recommendation():
    item = make_request(force_code="20", exploitation_types=[], suspect_count=3)
    assert item.area.code == "WEST-MIDLANDS"
    assert item.recommended_unit.code == "CCU"  # three or more suspects
    assert item.status == RequestStatus.SUBMITTED
    assert AuditEvent.objects.filter(
        operation=Operation.COLLECTION, object_type="advice_request", object_id=str(item.pk)
    ).exists()


def test_only_a_police_partner_may_request():
    with pytest.raises(services.AdviceRefused):
        make_request(actor=prosecutor())


def test_request_fields_are_checked_with_messages_that_name_them():
    with pytest.raises(ValidationError) as error:
        make_request(
            operation_name=" ",
            suspect_count=-1,
            urgency="whenever",
            requested_by_date=today() - timedelta(days=1),
        )
    messages = error.value.message_dict
    assert messages["operation_name"] == ["Enter the operation name"]
    assert messages["suspect_count"] == [
        "Number of suspects must be a whole number between 0 and 10,000"
    ]
    assert messages["urgency"] == ["Select how urgent the request is"]
    assert messages["requested_by_date"] == [
        "The date you need the advice by must be today or later"
    ]


def test_decline_without_a_reason_is_refused():
    item = make_request()
    with pytest.raises(ValidationError) as error:
        services.advice_request_decline(
            actor=unit_head(),
            request=item,
            expected_version=item.version,
            reasons={},
            police_respond_by=today() + timedelta(days=7),
        )
    assert error.value.message_dict["reasons"] == [
        "Select at least one reason for declining the request"
    ]
    item.refresh_from_db()
    assert item.status == RequestStatus.SUBMITTED and not item.declines.exists()


def test_decline_with_reasons_and_details_and_a_response_date():
    item = make_request()
    declined = services.advice_request_decline(
        actor=unit_head(),
        request=item,
        expected_version=item.version,
        reasons={"material_missing": "The MG3", "too_early": ""},
        police_respond_by=today() + timedelta(days=7),
    )
    assert declined.status == RequestStatus.DECLINED
    assert {(d.reason, d.detail) for d in declined.declines.all()} == {
        ("material_missing", "The MG3"),
        ("too_early", ""),
    }


def test_accepting_another_unit_needs_a_reason_and_a_lawyer_of_the_area():
    item = make_request()
    head, lawyer = unit_head(), prosecutor()
    with pytest.raises(ValidationError) as error:
        accept(item, head, prosecutor("WESSEX"), unit=Unit.objects.get(code="HQ"))
    assert set(error.value.message_dict) == {"reason", "lawyer"}
    accepted = accept(item, head, lawyer, unit=Unit.objects.get(code="HQ"), reason="JIT likely")
    assert accepted.status == RequestStatus.ACCEPTED and accepted.lawyer == lawyer


def test_only_the_areas_allocator_may_triage():
    item = make_request()
    with pytest.raises(services.AdviceRefused):
        accept(item, unit_head("WESSEX"), prosecutor("WESSEX"))
    with pytest.raises(services.AdviceRefused):
        accept(item, prosecutor(), prosecutor())


def test_a_stale_form_is_refused():
    item = make_request()
    head = unit_head()
    stale = item.version
    accept(item, head, prosecutor())
    with pytest.raises(services.AdviceConflict):
        services.advice_request_decline(
            actor=head,
            request=item,
            expected_version=stale,
            reasons={"other": ""},
            police_respond_by=today(),
        )


def test_the_allocated_prosecutor_records_advice_with_an_action_plan():
    item = make_request(requested_on=today() - timedelta(days=10))
    lawyer = prosecutor()
    item = accept(item, unit_head(), lawyer)
    with pytest.raises(services.AdviceRefused):
        services.advice_give(
            actor=prosecutor(),
            request=item,
            expected_version=item.version,
            given_on=today(),
            summary="x",
            action_items=[],
        )
    with pytest.raises(ValidationError) as error:
        services.advice_give(
            actor=lawyer,
            request=item,
            expected_version=item.version,
            given_on=today(),
            summary="Obtain bank records",
            action_items=[("Bank records", None), ("", today())],
        )
    assert error.value.message_dict["item_1"] == ["Enter the date action plan item 1 is due"]
    assert error.value.message_dict["item_2"] == ["Enter what action plan item 2 asks for"]
    given = services.advice_give(
        actor=lawyer,
        request=item,
        expected_version=item.version,
        given_on=today(),
        summary="Obtain bank records",
        action_items=[("Bank records", today() + timedelta(days=7))],
    )
    assert given.status == RequestStatus.ADVICE_GIVEN
    assert [a.description for a in given.action_items.all()] == ["Bank records"]


def test_police_sight_of_advice_is_a_disclosure_to_the_force():
    police = police_user("01")
    item = make_request(actor=police, requested_on=today() - timedelta(days=3))
    lawyer = prosecutor()
    item = accept(item, unit_head(), lawyer)
    item = services.advice_give(
        actor=lawyer,
        request=item,
        expected_version=item.version,
        given_on=today(),
        summary="Advice",
        action_items=[],
    )
    services.advice_request_view_record(actor=police, request=item, page="detail")
    event = AuditEvent.objects.filter(actor_id=police.pk).first()
    assert event.operation == Operation.DISCLOSURE
    assert event.recipient == "Metropolitan Police Service"


def test_linking_registers_the_case_so_had_eia_is_a_fact_of_it():
    from msht.advice.measures import had_eia

    item = make_request(requested_on=today() - timedelta(days=5))
    lawyer = prosecutor()
    item = accept(item, unit_head(), lawyer)
    item = services.advice_give(
        actor=lawyer,
        request=item,
        expected_version=item.version,
        given_on=today(),
        summary="Advice",
        action_items=[],
    )
    linked = services.advice_request_link_case(
        actor=lawyer,
        request=item,
        expected_version=item.version,
        urn="01YE0000124",
        referred_on=today(),
    )
    case = linked.case
    assert case.police_force.code == "01" and case.operation_name == "Kestrel"
    assert case.suspect_count == 2 and case.victim_count == 5
    assert Case.objects.filter(had_eia(), pk=case.pk).exists()


def test_linking_a_case_of_another_force_is_refused():
    from tests.cases.factories import make_case

    other = make_case(force="48", area_code="LONDON-NORTH")
    item = make_request(requested_on=date.today() - timedelta(days=5))
    lawyer = prosecutor()
    item = accept(item, unit_head(), lawyer)
    item = services.advice_give(
        actor=lawyer, request=item, expected_version=item.version, given_on=today(),
        summary="Advice", action_items=[],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.advice_request_link_case(
            actor=lawyer, request=item, expected_version=item.version, urn=other.urn,
            referred_on=today(),
        )  # fmt: skip
    assert "another police force" in error.value.message_dict["urn"][0]
