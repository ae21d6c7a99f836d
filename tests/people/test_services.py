"""People services: holdings keep history and refuse stale saves; enquiries count working
days and become hub points of law; meetings and actions; every write audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.cases.models import Case
from msht.hub.models import Item, Kind, Status
from msht.people import services
from msht.people.models import EnquiryStatus, Holding, LegalEnquiry, MeetingAction
from msht.people.services.errors import PeoplePermissionDenied
from msht.reference import dates
from msht.reference.models import Area

from .factories import area_post, enquiry, meeting, person, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(make_user):
    return make_user(role=Role.NATIONAL_LEAD)


def _record(actor, post, **kw):
    values = {
        "lead": person(),
        "deputy": person(),
        "starts_on": dates.today(),
        "expected_version": post.version,
    }
    values.update(kw)
    return services.holding_record(actor=actor, post=post, **values)


def test_a_new_holding_closes_the_last_and_keeps_history(national):
    post = area_post()
    first = _record(national, post, starts_on=dates.today() - timedelta(days=10))
    post.refresh_from_db()
    second = _record(national, post)
    first.refresh_from_db()
    assert first.ended_on == second.starts_on and second.ended_on is None
    assert Holding.objects.filter(post=post).count() == 2
    assert AuditEvent.objects.filter(object_type="people.post", operation="alteration").count() == 2


def test_a_stale_form_is_refused_and_nothing_written(national):
    post = area_post()
    version = post.version
    _record(national, post, expected_version=version)
    with pytest.raises(services.Conflict):
        _record(national, post, expected_version=version)
    assert Holding.objects.filter(post=post).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_on": None}, "starts_on"),
        ({"deputy": "lead"}, "deputy"),
        ({"successor": "lead"}, "successor"),
        ({"planned_end_on": date(2000, 1, 1)}, "planned_end_on"),
        ({"lead": "left"}, "lead"),
    ],
)
def test_bad_holdings_are_refused_by_field(national, change, field):
    post = area_post()
    lead = person()
    values = {"lead": lead}
    for key, value in change.items():
        values[key] = {"lead": lead, "left": person(is_active=False)}.get(value, value)
    with pytest.raises(ValidationError) as error:
        _record(national, post, **values)
    assert field in error.value.message_dict
    assert not Holding.objects.filter(post=post).exists()


def test_only_the_national_lead_records_holdings(make_user):
    with pytest.raises(PeoplePermissionDenied):
        _record(make_user(role=Role.UNIT_HEAD), area_post())


def test_strand_post_once_per_area(national):
    wales = Area.objects.get(code="CYMRU-WALES")
    post = services.post_create(actor=national, area=wales, strand="labour")
    assert post.title == "Cymru-Wales MSHT lead, labour exploitation"
    with pytest.raises(ValidationError):
        services.post_create(actor=national, area=wales, strand="labour")


def test_enquiry_due_and_turnaround_in_working_days(make_user, monkeypatch):
    asker = make_user(role=Role.PROSECUTOR)
    adviser = make_user(role=Role.LEGAL_ADVISER)
    # Raised on Thursday 24 December 2026. Christmas (Friday), Boxing Day (Saturday, substitute
    # Monday 28) and New Year's Day (Friday 1 January) are bank holidays. Counted by hand: 29,
    # 30, 31 December, 4 to 8 January (8), 11 (9), 12 January (10).
    monkeypatch.setattr(dates, "today", lambda: date(2026, 12, 24))
    raised = enquiry(asker)
    assert raised.raised_on == date(2026, 12, 24)
    assert raised.due_on == dates.add_working_days(date(2026, 12, 24), 10) == date(2027, 1, 12)
    monkeypatch.setattr(dates, "today", lambda: date(2026, 12, 29))
    answered = services.enquiry_answer(
        actor=adviser, enquiry=raised, answer="Yes.", expected_version=raised.version
    )
    assert answered.turnaround_working_days == 1  # 25, 26, 27 (Sunday) and 28 do not count
    assert answered.status == EnquiryStatus.ANSWERED
    with pytest.raises(services.Conflict):
        services.enquiry_answer(actor=adviser, enquiry=raised, answer="Again", expected_version=1)


def test_enquiry_bad_input_and_refusals(make_user):
    asker = make_user(role=Role.PROSECUTOR)
    with pytest.raises(ValidationError) as error:
        services.enquiry_raise(actor=asker, topic=None, question=" ", urgency="whenever")
    assert set(error.value.message_dict) == {"topic", "question", "urgency"}
    for role in (Role.LEGAL_ADVISER, Role.NATIONAL_LEAD, Role.TRAINING_ADMIN):
        with pytest.raises(PeoplePermissionDenied):
            enquiry(make_user(role=role))
    assert not LegalEnquiry.objects.exists()


def test_a_case_out_of_scope_is_refused_as_not_found(make_user):
    from tests.cases.factories import make_case

    asker = make_user(role=Role.PROSECUTOR)
    own = make_case(actor=asker, area_code="LONDON-NORTH")
    other = make_case(actor=asker, area_code="WESSEX")
    linked = enquiry(asker, case_urn=own.urn)
    assert linked.case == own
    for urn in (other.urn, "99ZZ9999999"):
        with pytest.raises(ValidationError) as error:
            enquiry(asker, case_urn=urn)
        assert error.value.message_dict["case_urn"] == ["No case you can see has that URN"]
    assert Case.objects.count() == 2


def test_answer_becomes_a_draft_hub_point_of_law_once(make_user):
    asker, adviser = make_user(role=Role.PROSECUTOR), make_user(role=Role.LEGAL_ADVISER)
    raised = enquiry(asker, topic=topic("JURISDICTION"))
    with pytest.raises(ValidationError):
        services.enquiry_point_of_law_draft(actor=adviser, enquiry=raised)
    services.enquiry_answer(actor=adviser, enquiry=raised, answer="An answer.", expected_version=1)
    item = services.enquiry_point_of_law_draft(actor=adviser, enquiry=raised)
    assert (item.kind, item.status, item.author) == (Kind.POINT_OF_LAW, Status.DRAFT, adviser)
    assert list(item.legal_issues.values_list("code", flat=True)) == ["JURISDICTION"]
    assert "An answer." in item.body
    raised.refresh_from_db()
    assert raised.hub_item == item
    with pytest.raises(ValidationError):
        services.enquiry_point_of_law_draft(actor=adviser, enquiry=raised)
    assert Item.objects.count() == 1
    with pytest.raises(PeoplePermissionDenied):
        services.enquiry_point_of_law_draft(actor=asker, enquiry=raised)


def test_meeting_recorded_for_own_area_only(make_user):
    head = make_user(role=Role.UNIT_HEAD)
    recorded = meeting(head, decisions=["One", " ", "Two"])
    assert recorded.decisions.count() == 2
    assert AuditEvent.objects.filter(object_type="people.meeting", operation=Operation.COLLECTION)
    with pytest.raises(ValidationError) as error:
        meeting(head, area=Area.objects.get(code="WESSEX"))
    assert "area" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        meeting(head, body="board", area=None)
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        meeting(head, held_on=dates.today() + timedelta(days=1), attendees=[])
    assert {"held_on", "attendees"} <= set(error.value.message_dict)


def test_national_board_by_national_lead(national):
    board = meeting(national, body="board", area=None)
    assert board.area is None and board.title == "National governance board"


def test_actions_are_tracked_to_completion(make_user):
    head = make_user(role=Role.UNIT_HEAD)
    owner = make_user(role=Role.PERFORMANCE_MANAGER)
    recorded = meeting(head)
    with pytest.raises(ValidationError) as error:
        services.meeting_action_add(
            actor=head, meeting=recorded, description="", owner=None, due_on=None
        )
    assert set(error.value.message_dict) == {"description", "owner", "due_on"}
    action = services.meeting_action_add(
        actor=head, meeting=recorded, description="Do it", owner=owner, due_on=dates.today()
    )
    stranger = make_user(role=Role.PROSECUTOR)
    with pytest.raises(PeoplePermissionDenied):
        services.meeting_action_complete(actor=stranger, action=action)
    services.meeting_action_complete(actor=owner, action=action, note="Done")
    assert MeetingAction.objects.get(pk=action.pk).completed_by == owner
    with pytest.raises(ValidationError):
        services.meeting_action_complete(actor=owner, action=action)
