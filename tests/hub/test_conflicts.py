"""Lost updates on hub items (issue 13 item 4): of two editors saving one item, the second is
refused."""

import html
import re

import pytest
from django.urls import reverse

from msht.hub.models import Item

from .factories import editor, make_item

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved changes to this item after you opened this page"


def _form(response) -> dict:
    page = response.content.decode()
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version, "the edit form carries the version it was built from"
    return {"version": version.group(1)}


def test_the_second_of_two_editors_is_refused_and_the_first_change_kept(client_for):
    item = make_item()
    url = reverse("hub:item-edit", args=[item.pk])
    first, second = client_for(editor()), client_for(editor())
    first_form, second_form = _form(first.get(url)), _form(second.get(url))
    content = {"kind": item.kind, "summary": item.summary, "body": item.body}

    saved = first.post(url, {**content, "title": "First editor's title", **first_form})
    assert saved.status_code == 302
    refused = second.post(url, {**content, "title": "Second editor's title", **second_form})
    assert refused.status_code == 400
    assert CONFLICT in html.unescape(refused.content.decode())
    assert Item.objects.get(pk=item.pk).title == "First editor's title"


def test_a_status_change_makes_an_open_edit_page_stale(client_for):
    item = make_item(status="draft")
    author_client = client_for(item.author)
    url = reverse("hub:item-edit", args=[item.pk])
    stale = _form(author_client.get(url))
    editor_client = client_for(editor())
    assert editor_client.post(reverse("hub:item-submit", args=[item.pk])).status_code == 302
    content = {"kind": item.kind, "summary": item.summary, "body": item.body, "title": "Late"}
    refused = editor_client.post(url, {**content, **stale})
    assert refused.status_code == 400
    assert Item.objects.get(pk=item.pk).title != "Late"
