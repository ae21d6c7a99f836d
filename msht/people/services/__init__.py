"""Writes for people and governance: each validates, writes and records its audit event in one
transaction. Split by subject: `posts` (leads and deputies), `enquiries`, `governance`."""

from .enquiries import (
    enquiry_answer,
    enquiry_list_consultation,
    enquiry_point_of_law_draft,
    enquiry_raise,
    enquiry_record_consultation,
)
from .errors import Conflict, PeoplePermissionDenied
from .governance import (
    meeting_action_add,
    meeting_action_complete,
    meeting_decision_add,
    meeting_record,
    meeting_record_consultation,
)
from .posts import holding_record, post_create, register_record_consultation

__all__ = [
    "Conflict",
    "PeoplePermissionDenied",
    "enquiry_answer",
    "enquiry_list_consultation",
    "enquiry_point_of_law_draft",
    "enquiry_raise",
    "enquiry_record_consultation",
    "holding_record",
    "meeting_action_add",
    "meeting_action_complete",
    "meeting_decision_add",
    "meeting_record",
    "meeting_record_consultation",
    "post_create",
    "register_record_consultation",
]
