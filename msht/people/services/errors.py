from django.core.exceptions import ValidationError

CONFLICT = (
    "Someone else changed this record while you were editing it. Your changes have not been "
    "saved: check the record as it is now and make your change again."
)
ANSWER_CONFLICT = "This enquiry has already been answered. Your answer has not been saved."


class PeoplePermissionDenied(Exception):
    """The user may not do this; views answer 404 so nothing about the record leaks."""


class Conflict(ValidationError):
    """A save from a stale form (optimistic locking, docs/decisions/0100)."""

    def __init__(self, message: str = CONFLICT):
        super().__init__(message)


def refuse_unless(condition: bool) -> None:
    if not condition:
        raise PeoplePermissionDenied
