"""Items linked to cases: only readers who may see a case see anything of the link."""

import pytest
from django.core.exceptions import ValidationError

from msht.accounts.roles import Role
from msht.audit.models import AuditEvent
from msht.hub import services
from msht.hub.models import CaseLink
from msht.hub.selectors import linked_cases_visible_to
from tests.cases.factories import make_case
from tests.factories import area

from .factories import editor, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    return {
        "north": make_case(area_code="LONDON-NORTH", operation_name="Operation Larkspur"),
        "wessex": make_case(area_code="WESSEX", operation_name="Operation Wren"),
    }


def _content(**extra):
    return {"kind": "case_study", "title": "Linked", "summary": "S", "body": "B", **extra}


def test_author_links_cases_they_can_see(user_for_role, cases):
    author = user_for_role(Role.PROSECUTOR)  # London North
    item = services.item_create(actor=author, case_urns=[cases["north"].urn_display], **_content())
    assert list(item.cases.all()) == [cases["north"]]
    event = AuditEvent.objects.filter(object_type="hub.item", object_id=str(item.pk)).get()
    assert event.detail["cases_linked"] == 1


def test_a_case_out_of_scope_looks_like_a_missing_one(user_for_role, cases):
    author = user_for_role(Role.PROSECUTOR)
    messages = []
    for urn in (cases["wessex"].urn, "01YE9999924"):
        with pytest.raises(ValidationError) as error:
            services.item_create(actor=author, case_urns=[urn], **_content())
        messages.append(error.value.message_dict["case_urns"][0].split(" URN ")[0])
    assert messages[0] == messages[1] == "No case you can see has the"
    assert not CaseLink.objects.exists()


def test_readers_see_only_the_cases_they_may_see(client_for, user_for_role, cases):
    cpsd = user_for_role(Role.CPS_DIRECT)  # all Areas
    item = make_item(
        author=cpsd, title="Two cases", case_urns=[cases["north"].urn, cases["wessex"].urn]
    )
    services.item_update(
        actor=editor(),
        item=item,
        kind=item.kind,
        title=item.title,
        summary=item.summary,
        body=item.body,
        case_urns=[],
    )
    assert item.cases.count() == 2  # the editor sees no cases, so removes none
    north_reader = user_for_role(Role.PROSECUTOR)
    wessex_reader = user_for_role(Role.PROSECUTOR, area=area("WESSEX"))
    hub_editor = editor()
    assert linked_cases_visible_to(user=north_reader, item=item) == [cases["north"]]
    assert linked_cases_visible_to(user=wessex_reader, item=item) == [cases["wessex"]]
    assert linked_cases_visible_to(user=hub_editor, item=item) == []

    def page(user):
        return client_for(user).get(f"/hub/items/{item.pk}/").content.decode()

    north_page, editor_page = page(north_reader), page(hub_editor)
    assert "Operation Larkspur" in north_page and "Operation Wren" not in north_page
    assert cases["wessex"].urn_display not in north_page
    for text in (
        "Linked cases",
        "Operation",
        cases["north"].urn_display,
        cases["wessex"].urn_display,
    ):
        assert text not in editor_page


def test_editing_keeps_links_the_editor_cannot_see(user_for_role, cases):
    cpsd = user_for_role(Role.CPS_DIRECT)
    item = services.item_create(
        actor=cpsd, case_urns=[cases["north"].urn, cases["wessex"].urn], **_content()
    )
    north_author = user_for_role(Role.PROSECUTOR)
    # A London North prosecutor editing (as an editor would) replaces only what they can see.
    item.author = north_author
    item.save(update_fields=["author"])
    services.item_update(actor=north_author, item=item, case_urns=[], **_content())
    assert list(item.cases.all()) == [cases["wessex"]]
