"""The hub's pages: access matrix (forbidden and missing are both 404), bad input, feed, panel."""

from datetime import timedelta

import pytest
from django.utils import timezone

from msht.accounts.access import roles_with
from msht.accounts.roles import Capability, Role
from msht.audit.models import AuditEvent, Operation
from msht.hub import services
from msht.hub.home import whats_new_panel
from msht.hub.models import FeedbackStatus, Item, Status
from msht.reference.models import Area
from tests.access import assert_access_matrix

from .factories import editor, make_item

pytestmark = pytest.mark.django_db

READERS = set(roles_with(Capability.HUB_READ))
WRITERS = set(roles_with(Capability.HUB_WRITE))
EDITORS = set(roles_with(Capability.HUB_PUBLISH))
CPSD = {Role.CPS_DIRECT: {"area": None}}


def test_hub_capabilities_are_what_the_pages_assume():
    assert {Role.HUB_EDITOR} == EDITORS
    assert {Role.POLICE_PARTNER, Role.SCRUTINY, Role.SYSTEM_ADMIN}.isdisjoint(READERS)


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/hub/", READERS),
        ("/hub/?q=trafficking", READERS),
        ("/hub/whats-new/", READERS),
        ("/hub/feed.atom", READERS),
        ("/hub/mine/", WRITERS),
        ("/hub/items/new/", WRITERS),
        ("/hub/feedback/", WRITERS),
        ("/hub/feedback/new/", WRITERS),
        ("/hub/review/", EDITORS),
    ],
)
def test_page_access(client_for, user_for_role, path, allowed):
    make_item(title="Trafficking case study")
    assert_access_matrix(client_for, user_for_role, path, allowed=allowed)


def test_published_item_is_for_every_reader(client_for, user_for_role):
    item = make_item()
    assert_access_matrix(client_for, user_for_role, f"/hub/items/{item.pk}/", allowed=READERS)


def test_draft_and_in_review_items_are_for_editors_only(client_for, user_for_role):
    for status in ("draft", "in_review", "archived"):
        item = make_item(status=status)
        assert_access_matrix(client_for, user_for_role, f"/hub/items/{item.pk}/", allowed=EDITORS)


@pytest.mark.parametrize("suffix", ["", "edit/", "publish/", "confirm/", "return/", "archive/"])
def test_missing_item_is_404_for_everyone(client_for, user_for_role, suffix):
    assert_access_matrix(client_for, user_for_role, f"/hub/items/987654/{suffix}", allowed=set())


def test_editor_pages_are_404_for_other_roles(client_for, user_for_role):
    item = make_item(status="in_review")
    for action in ("publish", "return", "archive"):
        assert_access_matrix(
            client_for, user_for_role, f"/hub/items/{item.pk}/{action}/", allowed=EDITORS
        )


def test_feedback_page_access_and_consultation_audit(client_for, user_for_role):
    raiser = user_for_role(Role.PROSECUTOR)
    feedback = services.feedback_raise(actor=raiser, subject="S", body="B")
    allowed = {
        Role.PROSECUTOR,
        Role.PARALEGAL,
        Role.UNIT_HEAD,
        Role.CPS_DIRECT,
        Role.NATIONAL_LEAD,
        Role.HUB_EDITOR,
    }
    assert_access_matrix(
        client_for, user_for_role, f"/hub/feedback/{feedback.pk}/", allowed=allowed
    )
    consultations = AuditEvent.objects.filter(
        operation=Operation.CONSULTATION, object_type="hub.feedback", object_id=str(feedback.pk)
    )
    assert consultations.count() == len(allowed)
    assert_access_matrix(client_for, user_for_role, "/hub/feedback/987654/", allowed=set())


def test_reading_a_published_item_is_not_audited(client_for, user_for_role):
    item = make_item()
    before = AuditEvent.objects.count()
    assert (
        client_for(user_for_role(Role.PROSECUTOR)).get(f"/hub/items/{item.pk}/").status_code == 200
    )
    assert AuditEvent.objects.count() == before


def test_search_page_shows_highlighted_results(client_for, user_for_role):
    make_item(title="Pre-recorded cross-examination in practice", body="Section 28 hearings.")
    make_item(title="Unrelated", body="Nothing to see.")
    response = client_for(user_for_role(Role.PROSECUTOR)).get(
        "/hub/", {"q": "pre-recorded cross-examination"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result for ‘pre-recorded cross-examination’" in html
    assert '<mark class="msht-mark">' in html and "Unrelated" not in html


@pytest.mark.parametrize(
    "params",
    [{"kind": "poem"}, {"legal_issue": "NOPE"}, {"area": "<script>"}, {"q": "x" * 201}],
)
def test_bad_search_input_is_a_400_with_a_message(client_for, user_for_role, params):
    response = client_for(user_for_role(Role.PROSECUTOR)).get("/hub/", params)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_search_page_query_count_does_not_grow(
    client_for, user_for_role, django_assert_max_num_queries
):
    client = client_for(user_for_role(Role.PROSECUTOR))
    for number in range(3):
        make_item(title=f"Forced labour {number}", tags={"legal_issues": ["SPECIAL-MEASURES"]})
    with django_assert_max_num_queries(25) as few:
        client.get("/hub/", {"q": "forced labour"})
    for number in range(3, 20):
        make_item(title=f"Forced labour {number}", tags={"legal_issues": ["SPECIAL-MEASURES"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/hub/", {"q": "forced labour"})


def test_create_item_through_the_form(client_for, user_for_role):
    author = user_for_role(Role.PROSECUTOR)
    client = client_for(author)
    response = client.post(
        "/hub/items/new/",
        {
            "kind": "lesson",
            "title": "Check the dialect",
            "summary": "Interpreters.",
            "body": "## Lesson\n\nBook the right dialect.",
            "legal_issues": ["INTERPRETERS"],
            "areas": ["LONDON-SOUTH"],
        },
    )
    item = Item.objects.get(title="Check the dialect")
    assert response.status_code == 302 and response["Location"] == f"/hub/items/{item.pk}/"
    assert item.author == author and item.status == Status.DRAFT
    assert [tag.code for tag in item.legal_issues.all()] == ["INTERPRETERS"]
    assert client.post(f"/hub/items/{item.pk}/submit/").status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_bad_item_form_is_a_400_and_writes_nothing(client_for, user_for_role):
    client = client_for(user_for_role(Role.PROSECUTOR))
    response = client.post(
        "/hub/items/new/", {"kind": "lesson", "title": "", "legal_issues": ["NOT-A-TAG"]}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a title" in html and "Enter a summary" in html
    assert "Select legal issues from the list" in html
    assert not Item.objects.exists()


def test_publish_form_needs_a_review_by_date(client_for):
    hub_editor = editor()
    item = make_item(status="in_review")
    client = client_for(hub_editor)
    response = client.post(f"/hub/items/{item.pk}/publish/", {})
    assert response.status_code == 400
    assert "Enter the date by which the item must be reviewed" in response.content.decode()
    review_by = timezone.localdate() + timedelta(days=200)
    response = client.post(
        f"/hub/items/{item.pk}/publish/",
        {
            "review_by-day": review_by.day,
            "review_by-month": review_by.month,
            "review_by-year": review_by.year,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.review_by == review_by


def test_submitting_twice_is_a_400(client_for):
    item = make_item(status="in_review")
    response = client_for(item.author).post(f"/hub/items/{item.pk}/submit/")
    assert response.status_code == 400


def test_feed_is_atom_with_published_items_only(client_for, user_for_role):
    published = make_item(title="Published lesson")
    make_item(status="draft", title="Secret draft")
    response = client_for(user_for_role(Role.PARALEGAL)).get("/hub/feed.atom")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<feed " in body and 'xmlns="http://www.w3.org/2005/Atom"' in body
    assert "Published lesson" in body and "Secret draft" not in body
    assert f"/hub/items/{published.pk}/" in body


def test_whats_new_panel(user_for_role):
    make_item(title="Fresh lesson")
    panel = whats_new_panel(user_for_role(Role.PROSECUTOR))
    assert panel["title"] == "New in the casework hub"
    assert [entry["text"] for entry in panel["items"]] == ["Fresh lesson"]
    assert whats_new_panel(user_for_role(Role.POLICE_PARTNER)) is None


def test_home_page_shows_the_hub_panel(client_for, user_for_role):
    make_item(title="Fresh lesson")
    html = client_for(user_for_role(Role.PROSECUTOR)).get("/").content.decode()
    assert "New in the casework hub" in html and "Fresh lesson" in html


def test_related_items_share_tags(client_for, user_for_role):
    item = make_item(title="Main", tags={"legal_issues": ["S45-DEFENCE", "AGE"]})
    closest = make_item(title="Closest", tags={"legal_issues": ["S45-DEFENCE", "AGE"]})
    near = make_item(title="Near", tags={"legal_issues": ["AGE"]})
    make_item(title="Draft twin", status="draft", tags={"legal_issues": ["S45-DEFENCE", "AGE"]})
    make_item(title="Unrelated", tags={"legal_issues": ["JIT"]})
    from msht.hub.selectors import related_items

    reader = user_for_role(Role.PROSECUTOR)
    assert related_items(user=reader, item=item) == [closest, near]


def test_editor_takes_feedback_to_a_published_lesson_through_the_pages(client_for, user_for_role):
    raiser = user_for_role(Role.PROSECUTOR)
    cpsd = user_for_role(Role.CPS_DIRECT, area=Area.objects.get(code="CPS-DIRECT"))
    response = client_for(raiser).post(
        "/hub/feedback/new/",
        {"subject": "Overnight charge", "body": "No NRM referral in the file."},
    )
    assert response.status_code == 302
    feedback_url = response["Location"]
    assert client_for(cpsd).post(feedback_url + "answer/", {"answer": ""}).status_code == 400
    assert (
        client_for(cpsd).post(feedback_url + "answer/", {"answer": "Reminder sent."}).status_code
        == 302
    )
    hub_editor = editor()
    client = client_for(hub_editor)
    response = client.post(feedback_url + "lesson/")
    assert response.status_code == 302 and response["Location"].endswith("/edit/")
    lesson = Item.objects.get(source_feedback__subject="Overnight charge")
    client.post(f"/hub/items/{lesson.pk}/submit/")
    review_by = timezone.localdate() + timedelta(days=300)
    client.post(
        f"/hub/items/{lesson.pk}/publish/",
        {
            "review_by-day": review_by.day,
            "review_by-month": review_by.month,
            "review_by-year": review_by.year,
        },
    )
    lesson.refresh_from_db()
    assert lesson.status == Status.PUBLISHED
    assert lesson.source_feedback.status == FeedbackStatus.LESSON_PUBLISHED
    assert "Lesson published" in client_for(raiser).get(feedback_url).content.decode()
