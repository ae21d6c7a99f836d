"""Reads of legal enquiries: the adviser's queue, the asker's own, one enquiry, the measures."""

from datetime import date
from typing import Any

from django.db.models import QuerySet

from msht.accounts import access
from msht.hub.models import LegalIssue
from msht.insight import measures
from msht.reference.models import Area

from ..models import EnquiryStatus, LegalEnquiry

STATUS_FILTERS = {"open": EnquiryStatus.OPEN, "answered": EnquiryStatus.ANSWERED}


def enquiries_visible_to(user: Any) -> QuerySet[LegalEnquiry]:
    return LegalEnquiry.objects.filter(access.enquiries_q(user)).select_related(
        "asked_by", "area", "topic", "answered_by"
    )


def enquiry_list(user: Any, *, status: str = "", topic: str = "") -> QuerySet[LegalEnquiry]:
    """The queue (everything, oldest due first) for the adviser; one's own, newest first."""
    enquiries = enquiries_visible_to(user)
    if status in STATUS_FILTERS:
        enquiries = enquiries.filter(status=STATUS_FILTERS[status])
    if topic:
        enquiries = enquiries.filter(topic__code=topic)
    if access.sees_every_enquiry(user):
        return enquiries.order_by("-status", "due_on", "raised_at", "id")
    return enquiries.order_by("-raised_at", "-id")


def enquiry_get_visible(user: Any, *, pk: Any) -> LegalEnquiry:
    return access.get_visible_or_404(
        enquiries_visible_to(user).select_related("case", "hub_item"), pk=pk
    )


def linked_case_for(user: Any, enquiry: LegalEnquiry):
    """The linked case if this reader may see it; None otherwise (they learn nothing of it)."""
    if enquiry.case_id is None:
        return None
    from msht.cases.selectors import cases_visible_to

    return cases_visible_to(user).filter(pk=enquiry.case_id).first()


def topics() -> QuerySet[LegalIssue]:
    return LegalIssue.objects.filter(disabled_on__isnull=True).order_by("order", "name")


def enquiry_measures(user: Any, *, start: date, end: date) -> dict:
    """Enquiries by Area and topic, and median turnaround, over the enquiries the user sees."""
    visible = LegalEnquiry.objects.filter(access.enquiries_q(user))
    counts = measures.legal_enquiry_counts(visible, start=start, end=end)
    medians = measures.legal_enquiry_turnaround(visible, start=start, end=end)
    area_names = dict(Area.objects.values_list("pk", "name"))
    topic_names = dict(LegalIssue.objects.values_list("pk", "name"))
    by_area: dict = {}
    by_topic: dict = {}
    for (area_id, topic_id), n in counts.items():
        by_area[area_id] = by_area.get(area_id, 0) + n
        by_topic[topic_id] = by_topic.get(topic_id, 0) + n

    def name(mapping, key):
        return mapping.get(key, "No Area") if key is not None else "No Area"

    return {
        "by_area": sorted(
            (
                {"name": name(area_names, k), "count": v, "median": medians["areas"].get(k)}
                for k, v in by_area.items()
            ),
            key=lambda r: r["name"],
        ),
        "by_topic": sorted(
            ({"name": topic_names.get(k, ""), "count": v} for k, v in by_topic.items()),
            key=lambda r: (-r["count"], r["name"]),
        ),
        "total": sum(by_area.values()),
        "national_median": medians["national"],
    }
