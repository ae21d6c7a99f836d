"""Items through draft, in review, published and archived; review-by dates; audit."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent, Operation
from msht.hub import services
from msht.hub.models import Item, Status
from msht.hub.selectors import items_due_for_review, items_visible_to

from .factories import editor, make_item

pytestmark = pytest.mark.django_db


def _events(item):
    return list(
        AuditEvent.objects.filter(object_type="hub.item", object_id=str(item.pk))
        .order_by("sequence")
        .values_list("operation", "reason")
    )


def test_draft_to_published_with_audit(user_for_role):
    author, hub_editor = user_for_role(Role.PROSECUTOR), editor()
    item = make_item(author=author, status="draft", title="A lesson")
    assert item.status == Status.DRAFT
    services.item_submit_for_review(actor=author, item=item)
    review_by = timezone.localdate() + timedelta(days=365)
    services.item_publish(actor=hub_editor, item=item, review_by=review_by)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.review_by == review_by
    assert item.published_by == hub_editor and item.published_at is not None
    assert _events(item) == [
        (Operation.COLLECTION, ""),
        (Operation.ALTERATION, "sent for review"),
        (Operation.ALTERATION, "published"),
    ]
    event = AuditEvent.objects.filter(object_type="hub.item").first()
    assert "A lesson" not in str(event.detail)  # ids and counts, not content


@pytest.mark.parametrize(
    ("review_by", "message"),
    [
        (None, "Enter the date by which the item must be reviewed"),
        (timedelta(days=0), "Review-by date must be in the future"),
        (timedelta(days=-5), "Review-by date must be in the future"),
        (timedelta(days=800), "Review-by date must be within 2 years"),
    ],
)
def test_publishing_needs_a_future_review_by_date(review_by, message):
    item = make_item(status="in_review")
    date = None if review_by is None else timezone.localdate() + review_by
    with pytest.raises(ValidationError) as error:
        services.item_publish(actor=editor(), item=item, review_by=date)
    assert error.value.message_dict == {"review_by": [message]}
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_only_editors_publish(user_for_role):
    item = make_item(status="in_review")
    for role in (Role.PROSECUTOR, Role.NATIONAL_LEAD, Role.CPS_DIRECT):
        with pytest.raises(services.HubPermissionDenied):
            services.item_publish(
                actor=user_for_role(role),
                item=item,
                review_by=timezone.localdate() + timedelta(days=30),
            )


def test_cannot_publish_a_draft_or_submit_twice():
    item = make_item(status="draft")
    with pytest.raises(ValidationError, match="Only an item in review"):
        services.item_publish(
            actor=editor(), item=item, review_by=timezone.localdate() + timedelta(days=30)
        )
    services.item_submit_for_review(actor=item.author, item=item)
    with pytest.raises(ValidationError, match="Only a draft"):
        services.item_submit_for_review(actor=item.author, item=item)


def test_editor_returns_item_with_a_note():
    item = make_item(status="in_review")
    with pytest.raises(ValidationError):
        services.item_return_to_draft(actor=editor(), item=item, note="  ")
    services.item_return_to_draft(actor=editor(), item=item, note="Remove the defendant's name.")
    item.refresh_from_db()
    assert item.status == Status.DRAFT and item.editor_note == "Remove the defendant's name."


def test_authors_edit_only_their_drafts(user_for_role):
    author, other = user_for_role(Role.PROSECUTOR), user_for_role(Role.PROSECUTOR)
    item = make_item(author=author, status="draft")
    fields = {"kind": item.kind, "title": "New title", "summary": "S", "body": "B"}
    with pytest.raises(services.HubPermissionDenied):
        services.item_update(actor=other, item=item, **fields)
    services.item_update(actor=author, item=item, **fields)
    services.item_submit_for_review(actor=author, item=item)
    with pytest.raises(services.HubPermissionDenied):
        services.item_update(actor=author, item=item, **fields)
    services.item_update(actor=editor(), item=item, **fields)  # editors may tidy it up


def test_invalid_content_is_refused_and_nothing_is_written(user_for_role):
    author = user_for_role(Role.PROSECUTOR)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.item_create(actor=author, kind="poem", title=" ", summary="", body="")
    assert set(error.value.message_dict) == {"kind", "title", "summary", "body"}
    assert Item.objects.count() == 0 and AuditEvent.objects.count() == before


def test_archive_hides_from_readers(user_for_role):
    item = make_item()
    reader = user_for_role(Role.PARALEGAL)
    assert items_visible_to(reader).filter(pk=item.pk).exists()
    services.item_archive(actor=editor(), item=item, reason="Law changed")
    assert not items_visible_to(reader).filter(pk=item.pk).exists()
    assert items_visible_to(editor()).filter(pk=item.pk).exists()


def test_due_for_review_lists_overdue_and_soon_due_items_earliest_first():
    hub_editor = editor()
    soon, later, overdue = make_item(), make_item(), make_item()
    today = timezone.localdate()
    Item.objects.filter(pk=soon.pk).update(review_by=today + timedelta(days=10))
    Item.objects.filter(pk=later.pk).update(review_by=today + timedelta(days=90))
    Item.objects.filter(pk=overdue.pk).update(review_by=today - timedelta(days=3))
    assert list(items_due_for_review(hub_editor)) == [overdue, soon]
    services.item_confirm_current(
        actor=hub_editor, item=overdue, review_by=today + timedelta(days=365)
    )
    assert list(items_due_for_review(hub_editor)) == [soon]


def test_due_for_review_is_for_editors_only(user_for_role):
    make_item()
    Item.objects.update(review_by=timezone.localdate())
    assert not items_due_for_review(user_for_role(Role.PROSECUTOR)).exists()
