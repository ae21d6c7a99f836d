from datetime import date

import pytest

from msht.audit.models import AuditEvent, Operation
from msht.cases import services
from msht.cases.models import Case, CaseStatus
from msht.reference.models import Area

from .factories import make_case, make_charged_case

pytestmark = pytest.mark.django_db


def _date(prefix: str, value: date) -> dict:
    return {
        f"{prefix}-day": value.day,
        f"{prefix}-month": value.month,
        f"{prefix}-year": value.year,
    }


@pytest.fixture
def prosecutor(user_for_role):
    return user_for_role("prosecutor")


@pytest.fixture
def client(client_for, prosecutor):
    return client_for(prosecutor)


def test_list_filters_search_and_sort(client):
    make_case(urn="01AB0000124", operation_name="Aurora", exploitation_codes=["SEXUAL"])
    make_case(urn="01AB0000224", operation_name="Beacon")
    make_case(urn="46AB0000324")  # Kent: South East, out of a London North prosecutor's scope
    response = client.get("/cases/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "01 AB 00001 24" in body and "01 AB 00002 24" in body
    assert "46 AB 00003 24" not in body
    body = client.get("/cases/?q=aurora").content.decode()
    assert "01 AB 00001 24" in body and "01 AB 00002 24" not in body
    body = client.get("/cases/?q=01ab 00002").content.decode()
    assert "01 AB 00002 24" in body and "01 AB 00001 24" not in body
    body = client.get("/cases/?exploitation_type=SEXUAL").content.decode()
    assert "01 AB 00001 24" in body and "01 AB 00002 24" not in body
    body = client.get("/cases/?sort=urn").content.decode()
    assert body.index("01 AB 00001 24") < body.index("01 AB 00002 24")
    body = client.get("/cases/?sort=-urn").content.decode()
    assert body.index("01 AB 00002 24") < body.index("01 AB 00001 24")


def test_list_bad_filter_input_is_a_clear_4xx_free_page(client):
    response = client.get(
        "/cases/?referred_from-day=40&referred_from-month=2"
        "&referred_from-year=2024&page=abc&sort=nonsense"
    )
    assert response.status_code == 200
    assert "Referred on or after must be a real date" in response.content.decode()


def test_register_case_and_duplicate_urn_message(client):
    data = {
        "urn": "01 ye 01234/24",
        "area": "",
        "operation_name": "Lantern",
        "exploitation_types": ["LABOUR"],
        "victim_count": "4",
        "suspect_count": "1",
    }
    response = client.post("/cases/new", data)
    case = Case.objects.get(urn="01YE0123424")
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    response = client.post("/cases/new", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "A case with URN 01 YE 01234 24 already exists" in body
    assert Case.objects.count() == 1


def test_register_refuses_bad_urn_and_counts(client):
    response = client.post(
        "/cases/new", {"urn": "hello", "victim_count": "many", "suspect_count": "-1"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a URN in the format 01YE0123424" in body
    assert "Number of victims must be a whole number" in body
    assert Case.objects.count() == 0


def test_case_page_records_a_consultation(client, prosecutor):
    case = make_case()
    for tab in ("", "timeline", "suspects", "allocation", "s45", "orders"):
        assert client.get(f"/cases/{case.pk}/{tab}").status_code == 200
    consultations = AuditEvent.objects.filter(
        operation=Operation.CONSULTATION,
        object_type="case",
        object_id=str(case.pk),
        actor_id=prosecutor.pk,
    )
    assert consultations.count() == 6


def test_stale_edit_shows_conflict_and_keeps_the_other_save(client_for, user_for_role):
    case = make_case(operation_name="Original")
    first, second = client_for(user_for_role("prosecutor")), client_for(user_for_role("paralegal"))
    form = {
        "version": case.version,
        "operation_name": "First",
        "victim_count": 0,
        "suspect_count": 0,
    }
    assert first.post(f"/cases/{case.pk}/edit", form).status_code == 302
    response = second.post(f"/cases/{case.pk}/edit", {**form, "operation_name": "Second"})
    assert response.status_code == 400
    assert "Someone else saved changes to this case" in response.content.decode()
    case.refresh_from_db()
    assert case.operation_name == "First"


def test_milestone_pages_walk_a_case_to_an_unsuccessful_outcome(client):
    case = make_case()
    url = f"/cases/{case.pk}/milestones/"
    r = client.post(url + "referral", {"version": 1, **_date("referred_on", date(2024, 3, 3))})
    assert r.status_code == 302
    r = client.post(
        url + "charging-decision",
        {"version": 2, "decision": "charge", **_date("decided_on", date(2024, 3, 1))},
    )
    assert r.status_code == 400
    assert (
        "Date of charge must be on or after the police referral date (3 March 2024)"
        in r.content.decode()
    )
    r = client.post(
        url + "charging-decision",
        {"version": 2, "decision": "charge", **_date("decided_on", date(2024, 4, 1))},
    )
    assert r.status_code == 302
    r = client.post(url + "first-hearing", {"version": 3, **_date("heard_on", date(2024, 4, 9))})
    assert r.status_code == 302
    r = client.post(
        url + "finalisation",
        {"version": 4, "outcome": "ACQUITTED", **_date("finalised_on", date(2024, 9, 1))},
    )
    assert (
        r.status_code == 400 and "Choose the reason the case was unsuccessful" in r.content.decode()
    )
    r = client.post(
        url + "finalisation",
        {
            "version": 4,
            "outcome": "ACQUITTED",
            "unsuccessful_reason": "VICTIM-NON-ATTENDANCE",
            **_date("finalised_on", date(2024, 9, 1)),
        },
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.FINALISED
    assert case.unsuccessful_reason.code == "VICTIM-NON-ATTENDANCE"
    body = client.get(f"/cases/{case.pk}/timeline").content.decode()
    assert "moj-timeline" in body and "First hearing" in body


def test_unknown_milestone_is_404(client):
    case = make_case()
    assert client.get(f"/cases/{case.pk}/milestones/nonsense").status_code == 404


def test_allocation_page_shows_reasons_and_needs_reason_to_deviate(client_for, user_for_role):
    head = user_for_role("unit_head")
    case = make_case(exploitation_codes=["SEXUAL"], victim_count=1)
    client = client_for(head)
    body = client.get(f"/cases/{case.pk}/allocation").content.decode()
    assert "Sexual exploitation: rape and serious sexual offences unit." in body
    r = client.post(f"/cases/{case.pk}/allocation", {"version": case.version, "unit": "CROWN"})
    assert r.status_code == 400 and "Explain why the case is allocated" in r.content.decode()
    r = client.post(
        f"/cases/{case.pk}/allocation",
        {"version": case.version, "unit": "CROWN", "reason": "Capacity"},
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.unit.code == "CROWN"
    body = client.get("/cases/allocation-compliance").content.decode()
    assert "London North" in body


def test_prosecutor_cannot_allocate_or_edit_criteria(client):
    case = make_case()
    r = client.post(f"/cases/{case.pk}/allocation", {"version": case.version, "unit": "CCU"})
    assert r.status_code == 404
    assert client.get("/cases/criteria/new").status_code == 404
    assert client.get("/cases/criteria/").status_code == 200


def test_national_lead_edits_criteria(client_for, user_for_role):
    from msht.cases.models import AllocationRule

    client = client_for(user_for_role("national_lead"))
    rule = AllocationRule.objects.get(field="victim_count")
    r = client.post(
        f"/cases/criteria/{rule.pk}",
        {
            "version": rule.version,
            "name": rule.name,
            "field_name": "victim_count",
            "operator": "at_least",
            "value": "8",
            "recommended_unit": "CCU",
            "priority": 30,
            "reason": rule.reason,
            "enabled": "on",
        },
    )
    assert r.status_code == 302
    rule.refresh_from_db()
    assert rule.value == "8"


def test_defendant_charge_s45_and_order_pages(client):
    case = make_charged_case()
    r = client.post(
        f"/cases/{case.pk}/suspects/new",
        {
            "version": case.version,
            "reference": "D1",
            "age_band": "25_34",
            "gender": "female",
            "nationality": "",
        },
    )
    assert r.status_code == 302
    defendant = case.defendants.get()
    r = client.post(
        f"/cases/{case.pk}/suspects/{defendant.pk}/charges/new",
        {"offence": "MSA-S1", **_date("charged_on", date(2024, 3, 1))},
    )
    assert r.status_code == 302
    case.refresh_from_db()
    r = client.post(
        f"/cases/{case.pk}/s45/{defendant.pk}",
        {
            "version": case.version,
            "indicator_screen": "no_indicators",
            **_date("screened_on", date(2024, 3, 2)),
            "nrm_status": "not_referred",
            "s45_result": "not_applicable",
            **_date("s45_considered_on", date(2024, 3, 2)),
        },
    )
    assert r.status_code == 302, r.content.decode()
    case.refresh_from_db()
    r = client.post(
        f"/cases/{case.pk}/orders/new",
        {
            "version": case.version,
            "kind": "prevention",
            "defendant": str(defendant.pk),
            "result": "applied",
            **_date("applied_on", date(2024, 3, 5)),
        },
    )
    assert r.status_code == 302, r.content.decode()
    body = client.get(f"/cases/{case.pk}/suspects").content.decode()
    assert "Slavery, servitude" in body and "Principal" in body


def test_performance_manager_sees_no_free_text(client_for, user_for_role):
    case = make_case()
    services.police_referral_record(actor=None, case=case, referred_on=date(2024, 1, 1))
    case.refresh_from_db()
    services.charging_decision_record(
        actor=None,
        case=case,
        decision="nfa_evidential",
        decided_on=date(2024, 2, 1),
        reasons="Witness Jane Doe withdrew",
    )
    analyst = client_for(user_for_role("performance_manager"))
    body = analyst.get(f"/cases/{case.pk}/timeline").content.decode()
    assert "No further action" in body or "Nfa evidential" in body
    assert "Jane Doe" not in body
    body = (
        client_for(user_for_role("prosecutor")).get(f"/cases/{case.pk}/timeline").content.decode()
    )
    assert "Jane Doe" in body


def test_other_area_case_is_404(client):
    case = make_case(area_code="WESSEX", force="54")
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/cases/{case.pk}/edit").status_code == 404
    assert Area.objects.get(code="WESSEX") == case.area


def test_home_panel_lists_my_open_cases(client_for, user_for_role):
    lawyer = user_for_role("prosecutor")
    case = make_case(operation_name="Kestrel")
    services.case_allocate(
        actor=None, case=case, expected_version=None, unit=case.recommended_unit, lawyer=lawyer
    )
    body = client_for(lawyer).get("/").content.decode()
    assert "Your open cases" in body and "Operation Kestrel" in body
    body = client_for(user_for_role("prosecutor")).get("/").content.decode()
    assert "Operation Kestrel" not in body


def test_list_count_is_capped_for_broad_filters(client, monkeypatch):
    from msht.cases import views

    monkeypatch.setattr(views, "COUNT_CAP", 2)
    for _ in range(3):
        make_case()
    body = client.get("/cases/").content.decode()
    assert "More than 2 cases" in body
    make_case(operation_name="Solo")
    assert "1 case<" in client.get("/cases/?q=Solo").content.decode()


def test_list_queries_do_not_grow_with_rows_or_filters(client, django_assert_max_num_queries):
    client.get("/cases/")  # fills the per-process reference choices
    for _ in range(30):
        make_case()
    # session, user, second factor, count, page, session save: no reference or per-row queries;
    # since issue 13 also the consultation audit row (savepoint, chain head, insert, release;
    # on PostgreSQL the chain's advisory lock)
    with django_assert_max_num_queries(13):
        response = client.get("/cases/?status=pre_charge&sort=urn&page=2&area=LONDON-NORTH")
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-table__row"') == 1 + 5


def test_case_page_queries_are_bounded(client, django_assert_max_num_queries):
    case = make_case()
    client.get(f"/cases/{case.pk}/")
    # session, user, second factor; the case and its exploitation types; the consultation
    # audit row (transaction, savepoint, chain head, insert; on PostgreSQL also the chain's
    # advisory lock); the session save
    with django_assert_max_num_queries(15):
        assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_list_filter_choices_follow_reference_changes(client):
    from msht.reference.models import Offence

    offence = Offence.objects.enabled().order_by("order").first()
    option = f'<option value="{offence.code}">'
    assert option in client.get("/cases/").content.decode()
    offence.disable()
    body = client.get(f"/cases/?offence={offence.code}").content.decode()
    assert option not in body
    assert "Select a valid choice" in body


def test_list_filter_keeps_the_chosen_options_selected(client):
    body = client.get("/cases/?status=charged&unit=CCU&area=LONDON-NORTH").content.decode()
    assert '<option value="charged" selected>' in body
    assert '<option value="CCU" selected>' in body
    assert '<option value="LONDON-NORTH" selected>' in body
    assert '<option value="" selected>Any offence</option>' in body
    assert '<option value="pre_charge">' in body


def test_case_get_visible_brings_exploitation_types_in_order(prosecutor, django_assert_num_queries):
    from msht.cases import selectors

    case = make_case(exploitation_codes=["SEXUAL", "LABOUR"])
    found = selectors.case_get_visible(prosecutor, pk=case.pk)
    with django_assert_num_queries(0):
        names = [t.name for t in found.exploitation_types.all()]
    assert names == [t.name for t in case.exploitation_types.order_by("order", "name")]
    assert len(names) == 2


# --- Issue 13 items 4 and 5; issue 11 item 4 ---------------------------------------------------


def test_list_consultation_is_audited_with_filters_and_ids(client, prosecutor):
    cases = [make_case() for _ in range(3)]
    response = client.get("/cases/?status=pre_charge&sort=urn")
    assert response.status_code == 200
    event = AuditEvent.objects.get(operation=Operation.CONSULTATION, object_type="case_list")
    assert event.actor_id == prosecutor.pk
    assert event.detail["filters"] == {"status": "pre_charge", "sort": "urn"}
    assert sorted(event.detail["ids"]) == sorted(c.pk for c in cases)
    assert event.detail["shown"] == 3 and event.detail["page"] == 1


def test_list_consultation_row_is_bounded(client):
    for _ in range(30):
        make_case()
    client.get("/cases/")
    event = AuditEvent.objects.get(operation=Operation.CONSULTATION, object_type="case_list")
    assert len(event.detail["ids"]) == 25 and event.detail["filters"] == {}


def test_criteria_edit_refuses_a_stale_form(client_for, user_for_role):
    from msht.cases.models import AllocationRule

    client = client_for(user_for_role("national_lead"))
    rule = AllocationRule.objects.get(field="victim_count")
    post = {
        "version": rule.version,
        "name": rule.name,
        "field_name": "victim_count",
        "operator": "at_least",
        "recommended_unit": "CCU",
        "priority": 30,
        "reason": rule.reason,
        "enabled": "on",
    }
    assert client.post(f"/cases/criteria/{rule.pk}", {**post, "value": "8"}).status_code == 302
    stale = client.post(f"/cases/criteria/{rule.pk}", {**post, "value": "12"})
    assert stale.status_code == 400
    assert "Someone else saved changes to this criterion" in stale.content.decode()
    rule.refresh_from_db()
    assert rule.value == "8"
    without = client.post(f"/cases/criteria/{rule.pk}", {**post, "version": "", "value": "12"})
    assert without.status_code == 400
    rule.refresh_from_db()
    assert rule.value == "8"


def test_unknown_codes_are_form_errors_not_silent_nones(client):
    case = make_charged_case()
    r = client.post(
        f"/cases/{case.pk}/suspects/new",
        {
            "version": case.version,
            "reference": "D1",
            "age_band": "25_34",
            "gender": "male",
            "nationality": "NOT-A-CODE",
        },
    )
    assert r.status_code == 400
    assert "Choose the nationality from the list" in r.content.decode()
    assert not case.defendants.exists()
