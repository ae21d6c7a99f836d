"""People pages: the role x page x in-scope/out-of-scope/missing access matrix, bad input,
stale forms, consultation audit, and query counts that do not grow with people."""

from datetime import timedelta

import pytest

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.people.models import EnquiryStatus, Holding, Meeting
from msht.reference import dates
from msht.reference.models import Area
from tests.access import assert_access_matrix

from .factories import area_post, enquiry, holding, meeting, person

pytestmark = pytest.mark.django_db

R = Role
ALL = set(Role.values)
REGISTER = {R.UNIT_HEAD, R.NATIONAL_LEAD}
RAISERS = {R.PROSECUTOR, R.PARALEGAL, R.UNIT_HEAD, R.CPS_DIRECT}
ANSWERERS = {R.LEGAL_ADVISER, R.NATIONAL_LEAD}
GOVERNANCE = {R.UNIT_HEAD, R.PERFORMANCE_MANAGER, R.NATIONAL_LEAD}
MISSING = 987654


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/people/", REGISTER),
        ("/people/?area=WESSEX&flagged=1", REGISTER),
        ("/people/posts/new/", {R.NATIONAL_LEAD}),
        ("/people/enquiries/", RAISERS | ANSWERERS),
        ("/people/enquiries/?status=open", RAISERS | ANSWERERS),
        ("/people/enquiries/new/", RAISERS),
        ("/people/enquiries/measures/", ANSWERERS),
        ("/people/governance/", GOVERNANCE),
        ("/people/governance/new/", {R.UNIT_HEAD, R.NATIONAL_LEAD}),
        ("/people/governance/actions/", ALL),
        ("/account/users/new", {R.SYSTEM_ADMIN}),
    ],
)
def test_page_access(client_for, user_for_role, path, allowed):
    enquiry()
    assert_access_matrix(client_for, user_for_role, path, allowed=allowed)


@pytest.mark.parametrize("suffix", ["", "history/", "change/"])
def test_post_pages_in_scope_out_of_scope_and_missing(client_for, user_for_role, suffix):
    own, other = area_post("LONDON-NORTH"), area_post("WESSEX")
    holding(own, lead=person(), deputy=person())
    managers = {R.NATIONAL_LEAD}
    viewers = REGISTER if suffix != "change/" else managers
    assert_access_matrix(
        client_for, user_for_role, f"/people/posts/{own.pk}/{suffix}", allowed=viewers
    )
    assert_access_matrix(
        client_for, user_for_role, f"/people/posts/{other.pk}/{suffix}", allowed=managers
    )
    assert_access_matrix(
        client_for, user_for_role, f"/people/posts/{MISSING}/{suffix}", allowed=set()
    )


def test_enquiry_page_is_for_its_asker_and_the_legal_leads(client_for, user_for_role):
    asker = user_for_role(R.PROSECUTOR)
    raised = enquiry(asker)
    assert_access_matrix(
        client_for, user_for_role, f"/people/enquiries/{raised.pk}/", allowed=ANSWERERS
    )
    assert client_for(asker).get(f"/people/enquiries/{raised.pk}/").status_code == 200
    assert_access_matrix(client_for, user_for_role, f"/people/enquiries/{MISSING}/", allowed=set())
    consultations = AuditEvent.objects.filter(
        object_type="people.enquiry", operation=Operation.CONSULTATION, object_id=str(raised.pk)
    )
    assert consultations.count() == 3  # the adviser, the national lead, the asker


def test_meeting_page_in_scope_out_of_scope_missing_and_attendees(client_for, user_for_role):
    head = user_for_role(R.UNIT_HEAD)
    own = meeting(head)
    national = user_for_role(R.NATIONAL_LEAD)
    wessex_attendee = user_for_role(R.PROSECUTOR)
    other = meeting(national, area=Area.objects.get(code="WESSEX"), attendees=[wessex_attendee])
    assert_access_matrix(
        client_for, user_for_role, f"/people/governance/{own.pk}/", allowed=GOVERNANCE
    )
    assert_access_matrix(
        client_for, user_for_role, f"/people/governance/{other.pk}/", allowed={R.NATIONAL_LEAD}
    )
    assert client_for(wessex_attendee).get(f"/people/governance/{other.pk}/").status_code == 200
    assert_access_matrix(client_for, user_for_role, f"/people/governance/{MISSING}/", allowed=set())


def test_post_change_records_and_refuses_a_stale_form(client_for, make_user):
    national = make_user(role=R.NATIONAL_LEAD)
    post = area_post()
    lead, deputy = person(area=post.area), person(role=R.PROSECUTOR, area=post.area)
    today = dates.today()
    form = {
        "version": post.version,
        "lead": lead.pk,
        "deputy": deputy.pk,
        "starts_on-day": today.day,
        "starts_on-month": today.month,
        "starts_on-year": today.year,
    }
    client = client_for(national)
    assert client.post(f"/people/posts/{post.pk}/change/", form).status_code == 302
    stale = client.post(f"/people/posts/{post.pk}/change/", form)
    assert stale.status_code == 409
    assert "Someone else changed this record" in stale.content.decode()
    assert Holding.objects.filter(post=post).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter the date the change takes effect"),
        (
            {"starts_on-day": "31", "starts_on-month": "2", "starts_on-year": "2026"},
            "must be a real date",
        ),
        ({"lead": "not-a-number"}, "Select the lead from the list"),
        ({"version": "x"}, "There is a problem"),
    ],
)
def test_post_change_bad_input_is_a_400_with_gov_uk_messages(client_for, make_user, data, message):
    post = area_post()
    response = client_for(make_user(role=R.NATIONAL_LEAD)).post(
        f"/people/posts/{post.pk}/change/", {"version": post.version, **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_enquiry_raise_answer_and_point_of_law_through_pages(client_for, make_user):
    asker, adviser = make_user(role=R.PROSECUTOR), make_user(role=R.LEGAL_ADVISER)
    bad = client_for(asker).post("/people/enquiries/new/", {"question": ""})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Select the topic of the enquiry" in body and "Enter your question" in body
    out_of_scope = client_for(asker).post(
        "/people/enquiries/new/",
        {"topic": 1, "question": "Q", "urgency": "urgent", "case_urn": "99ZZ9999999"},
    )
    assert "No case you can see has that URN" in out_of_scope.content.decode()
    from msht.hub.models import LegalIssue

    topic = LegalIssue.objects.get(code="AGE")
    created = client_for(asker).post(
        "/people/enquiries/new/", {"topic": topic.pk, "question": "How old?", "urgency": "urgent"}
    )
    assert created.status_code == 302
    raised = asker.legal_enquiries.get()
    page = client_for(adviser).post(
        f"/people/enquiries/{raised.pk}/answer/", {"version": raised.version, "answer": "Thus."}
    )
    assert page.status_code == 302
    raised.refresh_from_db()
    assert raised.status == EnquiryStatus.ANSWERED and raised.turnaround_working_days == 0
    again = client_for(adviser).post(
        f"/people/enquiries/{raised.pk}/answer/", {"version": 1, "answer": "Again"}
    )
    assert again.status_code == 409
    drafted = client_for(adviser).post(f"/people/enquiries/{raised.pk}/point-of-law/")
    raised.refresh_from_db()
    assert drafted.status_code == 302 and drafted["Location"] == f"/hub/items/{raised.hub_item_id}/"
    assert client_for(asker).post(f"/people/enquiries/{raised.pk}/answer/", {}).status_code == 404


def test_record_a_meeting_with_actions_through_pages(client_for, make_user):
    head = make_user(role=R.UNIT_HEAD)
    performance = make_user(role=R.PERFORMANCE_MANAGER)
    held = dates.today() - timedelta(days=2)
    client = client_for(head)
    bad = client.post("/people/governance/new/", {"body": "apr"})
    assert bad.status_code == 400 and "Enter the date of the meeting" in bad.content.decode()
    unknown = client.post(
        "/people/governance/new/",
        {
            "body": "apr",
            "held_on-day": held.day,
            "held_on-month": held.month,
            "held_on-year": held.year,
            "attendees": [head.pk],
            "other_attendees": "nobody@example.test",
        },
    )
    assert "No active account has the email address nobody@example.test" in unknown.content.decode()
    response = client.post(
        "/people/governance/new/",
        {
            "body": "apr",
            "held_on-day": held.day,
            "held_on-month": held.month,
            "held_on-year": held.year,
            "attendees": [head.pk, performance.pk],
            "decisions": "First\nSecond",
        },
    )
    assert response.status_code == 302
    recorded = Meeting.objects.get()
    assert recorded.area == head.area and recorded.decisions.count() == 2
    due = dates.today() - timedelta(days=1)
    added = client.post(
        f"/people/governance/{recorded.pk}/actions/",
        {
            "description": "Report back",
            "owner": performance.pk,
            "due_on-day": due.day,
            "due_on-month": due.month,
            "due_on-year": due.year,
        },
    )
    assert added.status_code == 302
    home = client_for(performance).get("/").content.decode()
    assert "Your governance actions" in home and "Overdue: was due" in home
    action = recorded.actions.get()
    done = client_for(performance).post(
        f"/people/governance/actions/{action.pk}/complete/", {"next": "mine"}
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.completed_on == dates.today()


def test_pages_do_not_500_on_garbage(client_for, make_user):
    national = make_user(role=R.NATIONAL_LEAD)
    client = client_for(national)
    for path in (
        "/people/?area=%00",
        "/people/enquiries/?status=zzz&page=abc",
        "/people/governance/?body=x&page=-1",
    ):
        assert client.get(path).status_code in (200, 400), path


def test_register_page_queries_do_not_grow_with_people(
    client_for, make_user, django_assert_max_num_queries
):
    national = make_user(role=R.NATIONAL_LEAD)
    client = client_for(national)
    holding(area_post("WESSEX"), lead=person(), deputy=person())
    client.get("/people/")
    with django_assert_max_num_queries(40) as first:
        client.get("/people/")
    for code in ("NORTH-EAST", "SOUTH-WEST", "NORTH-WEST", "SOUTH-EAST", "YORKSHIRE-HUMBERSIDE"):
        holding(area_post(code), lead=person(), deputy=person(), successor=person())
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/people/")


def test_home_panels(client_for, make_user):
    head = make_user(role=R.UNIT_HEAD)
    page = client_for(head).get("/").content.decode()
    assert "Leads and deputies: gaps" in page and "Your legal enquiries" in page
    adviser = make_user(role=R.LEGAL_ADVISER)
    enquiry()
    assert "Legal enquiries waiting for an answer" in client_for(adviser).get("/").content.decode()


def test_service_refusal_is_a_404(client_for, make_user):
    head = make_user(role=R.UNIT_HEAD)
    national = make_user(role=R.NATIONAL_LEAD)
    board = meeting(national, body="board", area=None, attendees=[head])
    response = client_for(head).post(f"/people/governance/{board.pk}/decisions/", {"text": "X"})
    assert response.status_code == 404
