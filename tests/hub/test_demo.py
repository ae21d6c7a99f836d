"""`msht demo` loads the hub's fictional content once, through the services."""

import io

import pytest

from msht.hub.demo import load_demo_hub
from msht.hub.models import FeedbackItem, FeedbackStatus, Item, Status
from msht.hub.selectors import items_search
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_hub_is_idempotent_and_searchable():
    out = io.StringIO()
    load_demo_hub(out)
    counts = (Item.objects.count(), FeedbackItem.objects.count())
    assert counts[0] >= 15 and counts[1] == 3
    assert Item.objects.filter(status=Status.PUBLISHED).count() >= 12
    assert Item.objects.filter(status=Status.IN_REVIEW).exists()
    assert FeedbackItem.objects.filter(status=FeedbackStatus.LESSON_PUBLISHED).count() == 1
    assert all("Fictional" in body for body in Item.objects.values_list("body", flat=True))
    load_demo_hub(out)
    assert (Item.objects.count(), FeedbackItem.objects.count()) == counts

    reader = UserFactory()
    top = items_search(user=reader, query="pre-recorded cross-examination").object_list
    assert len(top) >= 2
    assert all("re-recorded cross-examination" in r.item.title for r in top[:2])
