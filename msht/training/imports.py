"""Training completions from a learning-system CSV or Excel file, through the Data upload page.

One row is one person completing one course on one day; its natural key is (email, course code,
date), so importing the same file again writes nothing. People are found by the email address
of their account, courses by code; unknown ones, dates in the future, repeated rows and values a
spreadsheet would run as formulas are reported by row, and by default nothing is saved while any
row has a problem (the import machinery's all-or-nothing). Only the training administrator may
import completions (the `training.manage` capability).
"""

from typing import Any

from msht.accounts import access
from msht.accounts.models import User
from msht.accounts.roles import Capability
from msht.interchange.kinds import (
    Column,
    ImportKind,
    Record,
    RowProblem,
    WriteResult,
    a_date,
    collect,
    one_of,
    register,
    text,
)

from . import services
from .models import Course

EMAIL = "Email"
COURSE = "Course code"
COMPLETED = "Completed on"
REFERENCE = "Learning record"


@register
class CompletionsKind(ImportKind):
    name = "training-completions"
    label = "Training completions (from the learning system)"
    description = (
        "Who completed which course and when. People are matched by the email address of their "
        "account, courses by their code in the training catalogue."
    )
    key_label = "person, course and date"
    columns = [
        Column(EMAIL, "The email address of the person's account.", "priya.shah@example.org"),
        Column(COURSE, "The course code in the training catalogue.", "MSHT-AWARENESS"),
        Column(COMPLETED, "The day the course was completed (not in the future).", "2024-03-27"),
        Column(
            REFERENCE,
            "The learning system's own record number, if it has one.",
            "LMS-000123",
            required=False,
        ),
    ]

    def start(self, *, actor: Any, options: dict) -> dict:
        context = super().start(actor=actor, options=options)
        # No actor (the command line without --actor) is refused like anyone else who may not
        # manage training: each row says so and nothing is written.
        context["allowed"] = access.can(actor, Capability.TRAINING_MANAGE)
        context["people"] = {
            email.lower(): pk
            for pk, email in User.objects.filter(is_active=True).values_list("pk", "email")
        }
        context["courses"] = {
            code.upper(): pk
            for pk, code in Course.objects.filter(disabled_on__isnull=True).values_list(
                "pk", "code"
            )
        }
        return context

    def check_row(self, raw: dict[str, str], context: dict, row: int) -> list[Record]:
        if not context["allowed"]:
            raise RowProblem("You do not have permission to import training completions.")

        def person() -> int:
            email = text(raw, EMAIL, max_length=254).lower()
            found = context["people"].get(email)
            if found is None:
                raise RowProblem(
                    f"{EMAIL}: there is no active account with the email address '{email}'. "
                    "Check the address, or ask the system administrator to create the account.",
                    EMAIL,
                    email,
                )
            return found

        def course() -> int:
            text(raw, COURSE, max_length=40)  # refuses formulas before the look-up
            return one_of(raw, COURSE, context["courses"], what="course code")

        def completed():
            return a_date(raw, COMPLETED)

        def reference() -> str:
            return text(raw, REFERENCE, required=False, max_length=100)

        person_id, course_id, completed_on, learning_record = collect(
            [person, course, completed, reference]
        )
        email = (raw.get(EMAIL) or "").strip().lower()
        code = (raw.get(COURSE) or "").strip().upper()
        key = f"{email}, {code}, {completed_on.isoformat()}"
        return [
            Record(
                row=row,
                key=key,
                values={
                    "person": person_id,
                    "course": course_id,
                    "completed_on": completed_on,
                    "reference": learning_record,
                },
            )
        ]

    def write(self, records: list[Record], context: dict) -> WriteResult:
        created, unchanged = services.completions_import_write(
            actor=context["actor"],
            rows=[
                (
                    record.values["person"],
                    record.values["course"],
                    record.values["completed_on"],
                    record.values["reference"],
                )
                for record in records
            ],
        )
        return WriteResult(created=created, unchanged=unchanged)
