"""`msht demo`: load fictional hub content. Idempotent: items and feedback are found by title."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from msht.accounts.demo import DEMO_DOMAIN, demo_users_ensure
from msht.accounts.models import User
from msht.reference.models import Area, ExploitationType, Offence

from . import services
from .demo_content import FEEDBACK, FICTIONAL, ITEMS
from .models import FeedbackItem, Item, LegalIssue, MsaSection, Status

TAG_MODELS = {
    "legal_issues": LegalIssue,
    "msa_sections": MsaSection,
    "exploitation_types": ExploitationType,
    "offences": Offence,
    "areas": Area,
}


def _user(local: str) -> User:
    user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
    if user is None:
        demo_users_ensure()
        user = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
    return user


def _tags(spec: dict) -> dict:
    return {
        name: list(TAG_MODELS[name].objects.filter(code__in=codes)) for name, codes in spec.items()
    }


def _backdate(item: Item, days_ago: int, review_in: int) -> None:
    now = timezone.now()
    published = now - timedelta(days=days_ago)
    Item.objects.filter(pk=item.pk).update(
        published_at=published,
        last_reviewed_at=published,
        created_at=published,
        updated_at=published,
        review_by=timezone.localdate() + timedelta(days=review_in),
    )


def load_demo_hub(stdout) -> None:
    editor, author, cpsd = _user("hub-editor"), _user("prosecutor"), _user("cps-direct")
    created = 0
    for kind, title, summary, body, tags, state, days_ago, review_in in ITEMS:
        if Item.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            item = services.item_create(
                actor=author,
                kind=kind,
                title=title,
                summary=summary,
                body=FICTIONAL + body,
                **_tags(tags),
            )
            if state in ("in_review", "published"):
                services.item_submit_for_review(actor=author, item=item)
            if state == "published":
                services.item_publish(
                    actor=editor, item=item, review_by=timezone.localdate() + timedelta(days=365)
                )
                _backdate(item, days_ago, review_in)
        created += 1

    for subject, body, answer, lesson_title in FEEDBACK:
        if FeedbackItem.objects.filter(subject=subject).exists():
            continue
        with transaction.atomic():
            feedback = services.feedback_raise(actor=author, subject=subject, body=body)
            if answer:
                services.feedback_answer(actor=cpsd, feedback=feedback, answer=answer)
            if lesson_title:
                lesson = services.feedback_lesson_draft(actor=editor, feedback=feedback)
                services.item_update(
                    actor=editor,
                    item=lesson,
                    kind=lesson.kind,
                    title=lesson_title,
                    summary="Before charging a young person with drugs supply out of hours, "
                    "ask whether they have been screened or referred as a possible "
                    "victim of trafficking.",
                    body=FICTIONAL
                    + lesson.body.replace(
                        "Write what prosecutors in every Area should do differently. Remove "
                        "any detail that could identify a victim, suspect or case.",
                        "Ask the police for the trafficking indicators screen and any NRM "
                        "referral before an out-of-hours charge, and record the s45 "
                        "consideration on the charging decision.",
                    ),
                    **_tags(
                        {
                            "legal_issues": ["S45-DEFENCE", "CHARGING", "COUNTY-LINES"],
                            "msa_sections": ["S45"],
                            "exploitation_types": ["CRIMINAL"],
                            "areas": [feedback.area.code],
                        }
                    ),
                )
                services.item_submit_for_review(actor=editor, item=lesson)
                services.item_publish(
                    actor=editor, item=lesson, review_by=timezone.localdate() + timedelta(days=365)
                )
                _backdate(lesson, 3, 362)
        created += 1
    published = Item.objects.filter(status=Status.PUBLISHED).count()
    stdout.write(
        f"Casework hub: {created} demo items and feedback added "
        f"({published} published items in all)."
    )
