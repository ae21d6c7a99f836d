"""Hub items and feedback, made through the services as users make them."""

import itertools
from datetime import timedelta

from django.utils import timezone

from msht.accounts.roles import Role
from msht.hub import services
from msht.hub.models import LegalIssue, MsaSection
from msht.reference.models import Area, ExploitationType, Offence
from tests.factories import UserFactory

_n = itertools.count(1)

TAG_MODELS = {
    "legal_issues": LegalIssue,
    "msa_sections": MsaSection,
    "exploitation_types": ExploitationType,
    "offences": Offence,
    "areas": Area,
}


def editor():
    return UserFactory(role=Role.HUB_EDITOR)


def make_item(*, author=None, status="published", publisher=None, tags=None, **fields):
    """An item in the given status; tags by code, e.g. tags={"legal_issues": ["S45-DEFENCE"]}."""
    author = author or UserFactory(role=Role.PROSECUTOR)
    number = next(_n)
    content = {
        "kind": "case_study",
        "title": f"Item {number}",
        "summary": f"Summary of item {number}.",
        "body": f"Body of item {number}.",
    }
    content.update(fields)
    tag_objects = {
        name: list(TAG_MODELS[name].objects.filter(code__in=codes))
        for name, codes in (tags or {}).items()
    }
    item = services.item_create(actor=author, **content, **tag_objects)
    if status in ("in_review", "published", "archived"):
        item = services.item_submit_for_review(actor=author, item=item)
    if status in ("published", "archived"):
        item = services.item_publish(
            actor=publisher or editor(),
            item=item,
            review_by=timezone.localdate() + timedelta(days=180),
        )
    if status == "archived":
        item = services.item_archive(actor=publisher or editor(), item=item, reason="superseded")
    return item
