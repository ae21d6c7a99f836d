"""Victim measures from the main case management system: special measures applications and
decisions, and interpreter and intermediary bookings.

Rows name a victim by the case's URN and the victim's pseudonymous reference (V1, V2 ...); the
victim must already be recorded on the case. No identifying detail is ever imported: there
is no column for one, and a reference that is not of the form V1 is refused without its value
being copied into the report (docs/decisions/0511). The rules are those of
`msht.victims.services` (special_measure_apply/decide, interpreter_request/book/outcome_record).
"""

import re
from datetime import date
from typing import Any

from django.utils import timezone

from msht.cases.urn import urn_display
from msht.reference.models import Language, PoliceForce
from msht.victims.models import (
    ApplicationStatus,
    Eligibility,
    InterpreterBooking,
    SpecialMeasure,
    SpecialMeasureApplication,
    SupportEffect,
    SupportKind,
    SupportOutcome,
    SupportPurpose,
    Victim,
)

from ..kinds import (
    Column,
    ImportKind,
    Record,
    RowProblem,
    RowProblems,
    WriteResult,
    a_date,
    collect,
    one_of,
    register,
)
from .casework import _in_scope, _urn
from .defendants import _choice

VICTIM_REFERENCE = re.compile(r"^V?(\d{1,4})$", re.IGNORECASE)


def victim_number(raw: dict[str, str]) -> int:
    """The victim's number from 'V1'. The value is never echoed: it might be a name."""
    value = (raw.get("Victim") or "").strip()
    if not value:
        raise RowProblem("Victim is missing. Enter the victim's reference, like V1.", "Victim")
    match = VICTIM_REFERENCE.match(value)
    if not match or int(match.group(1)) == 0:
        raise RowProblem(
            "Victim must be the victim's reference on the case, like V1. Never enter a name "
            "or other identifying details (the value is not shown here for that reason).",
            "Victim",
        )
    return int(match.group(1))


def _victims_for(records: list[Record]) -> dict[tuple[str, int], dict[str, Any]]:
    urns = {record.values["_urn"] for record in records}
    return {
        (row["case__urn"], row["number"]): row
        for row in Victim.objects.filter(case__urn__in=urns).values(
            "pk", "number", "case_id", "case__urn", "case__area_id"
        )
    }


def _find_victim(
    record: Record, victims: dict, actor: Any
) -> tuple[dict | None, RowProblem | None]:
    urn, number = record.values["_urn"], record.values["_victim"]
    victim = victims.get((urn, number))
    if victim is None or not _in_scope(actor, victim["case__area_id"]):
        return None, RowProblem(
            f"There is no victim V{number} on a case with URN {urn_display(urn)}. Record the "
            "victim on the case's Victims tab (or import the case) first.",
            "Victim",
            f"V{number}",
        )
    return victim, None


@register
class SpecialMeasuresKind(ImportKind):
    name = "special-measures"
    label = "Special measures applications and decisions (victims already on the case)"
    key_label = "URN, victim, measure and date of application"
    columns = [
        Column("URN", "The case's URN", "01YE0123424"),
        Column("Victim", "The victim's reference on the case, like V1 (never a name)", "V1"),
        Column(
            "Measure",
            "screens, live_link, private, wigs_gowns, video_evidence, pre_recorded_cross, "
            "intermediary or communication_aids",
            "screens",
        ),
        Column(
            "Eligibility",
            "msa_s46, under_18, vulnerable or fear_distress (blank is msa_s46)",
            "msa_s46",
            required=False,
        ),
        Column("Date applied", "YYYY-MM-DD or DD/MM/YYYY", "2024-05-01"),
        Column(
            "Status",
            "applied, granted, refused or withdrawn (blank is applied)",
            "granted",
            required=False,
        ),
        Column("Date decided", "Required when granted, refused or withdrawn", "2024-05-20", False),
    ]

    def start(self, *, actor, options):
        context = super().start(actor=actor, options=options)
        context["forces"] = {f.code: f for f in PoliceForce.objects.all()}
        return context

    def check_row(self, raw, context, row):
        urn, number, measure, eligibility, applied_on, status, decided_on = collect(
            [
                lambda: _urn(raw, context["forces"]),
                lambda: victim_number(raw),
                lambda: _choice(raw, "Measure", SpecialMeasure, blank="")
                or _missing("Measure", "the special measure"),
                lambda: _choice(raw, "Eligibility", Eligibility, blank=Eligibility.MSA_S46),
                lambda: a_date(raw, "Date applied"),
                lambda: _choice(raw, "Status", ApplicationStatus, blank=ApplicationStatus.APPLIED),
                lambda: a_date(raw, "Date decided", required=False),
            ]
        )
        problems = []
        if status != ApplicationStatus.APPLIED and not decided_on:
            problems.append(
                RowProblem(
                    f"Date decided is missing: an application that is {status} needs the date "
                    "of the decision.",
                    "Date decided",
                )
            )
        if status == ApplicationStatus.APPLIED and decided_on:
            problems.append(
                RowProblem(
                    "Status is 'applied' but there is a date decided: give the decision "
                    "(granted, refused or withdrawn) or remove the date.",
                    "Status",
                    status,
                )
            )
        if decided_on and decided_on < applied_on:
            problems.append(
                RowProblem(
                    "The decision cannot come before the application: Date decided must be on "
                    f"or after the date applied ({applied_on:%d/%m/%Y}).",
                    "Date decided",
                    f"{decided_on:%Y-%m-%d}",
                )
            )
        if problems:
            raise RowProblems(problems)
        values = {
            "_urn": urn,
            "_victim": number,
            "measure": measure,
            "eligibility": eligibility,
            "applied_on": applied_on,
            "status": status,
            "decided_on": decided_on,
        }
        key = f"{urn}|V{number}|{measure}|{applied_on:%Y-%m-%d}"
        return [Record(row=row, key=key, values=values)]

    FIELDS = ("eligibility", "status", "decided_on")

    def write(self, records, context):
        result = WriteResult()
        victims = _victims_for(records)
        victim_ids = [v["pk"] for v in victims.values()]
        existing: dict[tuple, SpecialMeasureApplication] = {}
        pending: dict[tuple[int, str], set[date]] = {}
        for app in SpecialMeasureApplication.objects.filter(victim_id__in=victim_ids).order_by(
            "id"
        ):
            existing.setdefault((app.victim_id, app.measure, app.applied_on), app)
            if app.status == ApplicationStatus.APPLIED:
                pending.setdefault((app.victim_id, app.measure), set()).add(app.applied_on)
        new, changed = [], []
        for record in records:
            v = record.values
            victim, problem = _find_victim(record, victims, context["actor"])
            if problem:
                result.problems.append((record.row, problem))
                continue
            waiting = pending.setdefault((victim["pk"], v["measure"]), set())
            others = waiting - {v["applied_on"]}
            if v["status"] == ApplicationStatus.APPLIED and others:
                result.problems.append(
                    (
                        record.row,
                        RowProblem(
                            f"An application for {SpecialMeasure(v['measure']).label.lower()} "
                            f"made on {min(others):%d/%m/%Y} is still waiting for a decision. "
                            "Give that application's decision first.",
                            "Status",
                            v["status"],
                        ),
                    )
                )
                continue
            if v["status"] == ApplicationStatus.APPLIED:
                waiting.add(v["applied_on"])
            else:
                waiting.discard(v["applied_on"])
            values = {name: v[name] for name in self.FIELDS}
            current = existing.get((victim["pk"], v["measure"], v["applied_on"]))
            if current is None:
                new.append(
                    SpecialMeasureApplication(
                        victim_id=victim["pk"],
                        measure=v["measure"],
                        applied_on=v["applied_on"],
                        **values,
                    )
                )
            elif any(getattr(current, n) != value for n, value in values.items()):
                for name, value in values.items():
                    setattr(current, name, value)
                changed.append(current)
            else:
                result.unchanged += 1
        SpecialMeasureApplication.objects.bulk_create(new, batch_size=1000)
        SpecialMeasureApplication.objects.bulk_update(changed, list(self.FIELDS), batch_size=1000)
        result.created += len(new)
        result.updated += len(changed)
        return result


def _missing(column: str, what: str):
    raise RowProblem(f"{column} is missing. Enter {what}.", column)


@register
class InterpretersKind(ImportKind):
    name = "interpreters"
    label = "Interpreter and intermediary bookings (victims already on the case)"
    key_label = "URN, victim, kind, purpose and date needed"
    columns = [
        Column("URN", "The case's URN", "01YE0123424"),
        Column("Victim", "The victim's reference on the case, like V1 (never a name)", "V1"),
        Column("Kind", "interpreter or intermediary", "interpreter"),
        Column(
            "Language",
            "ISO 639 language code, like sqi or sq (required for an interpreter)",
            "sqi",
            required=False,
        ),
        Column(
            "Purpose",
            "interview, conference, first_hearing, pre_trial, trial, sentence or other",
            "trial",
        ),
        Column("Date requested", "YYYY-MM-DD or DD/MM/YYYY", "2024-05-01"),
        Column("Date needed", "The date of the hearing or interview", "2024-06-10"),
        Column("Date booked", "When the booking was confirmed", "2024-05-15", required=False),
        Column(
            "Outcome",
            "provided, late or not_provided (after the date needed)",
            "provided",
            required=False,
        ),
        Column("Effect", "none, adjourned or vacated", "none", required=False),
    ]

    def start(self, *, actor, options):
        context = super().start(actor=actor, options=options)
        context["forces"] = {f.code: f for f in PoliceForce.objects.all()}
        languages = {}
        for pk, code, alpha_2 in Language.objects.values_list("pk", "code", "alpha_2"):
            languages[code] = pk
            if alpha_2:
                languages.setdefault(alpha_2, pk)
        context["languages"] = languages
        return context

    def check_row(self, raw, context, row):
        (
            urn,
            number,
            kind,
            language,
            purpose,
            requested_on,
            needed_by,
            booked_on,
            outcome,
            effect,
        ) = collect(
            [
                lambda: _urn(raw, context["forces"]),
                lambda: victim_number(raw),
                lambda: _choice(raw, "Kind", SupportKind, blank="")
                or _missing("Kind", "interpreter or intermediary"),
                lambda: one_of(
                    raw, "Language", context["languages"], required=False, what="language code"
                ),
                lambda: _choice(raw, "Purpose", SupportPurpose, blank="")
                or _missing("Purpose", "what it is needed for"),
                lambda: a_date(raw, "Date requested"),
                lambda: a_date(raw, "Date needed", allow_future=True),
                lambda: a_date(raw, "Date booked", required=False),
                lambda: _choice(raw, "Outcome", SupportOutcome, blank=""),
                lambda: _choice(raw, "Effect", SupportEffect, blank=""),
            ]
        )
        problems = []
        if kind == SupportKind.INTERPRETER and language is None:
            problems.append(
                RowProblem(
                    "Language is missing: enter the language the interpreter is needed for.",
                    "Language",
                )
            )
        if needed_by < requested_on:
            problems.append(
                RowProblem(
                    f"Date needed must be on or after the date requested "
                    f"({requested_on:%d/%m/%Y}).",
                    "Date needed",
                    f"{needed_by:%Y-%m-%d}",
                )
            )
        if booked_on and booked_on < requested_on:
            problems.append(
                RowProblem(
                    f"Date booked must be on or after the date requested "
                    f"({requested_on:%d/%m/%Y}).",
                    "Date booked",
                    f"{booked_on:%Y-%m-%d}",
                )
            )
        if booked_on and booked_on > needed_by:
            problems.append(
                RowProblem(
                    f"Date booked must be on or before the date needed ({needed_by:%d/%m/%Y}). "
                    "Record a late or missing interpreter as the outcome instead.",
                    "Date booked",
                    f"{booked_on:%Y-%m-%d}",
                )
            )
        if (outcome or effect) and needed_by > timezone.localdate():
            problems.append(
                RowProblem(
                    "Outcome can only be recorded on or after the date needed "
                    f"({needed_by:%d/%m/%Y}).",
                    "Outcome",
                    outcome,
                )
            )
        if effect and not outcome:
            problems.append(
                RowProblem("Outcome is missing: an effect needs the outcome.", "Outcome")
            )
        if outcome == SupportOutcome.PROVIDED and effect and effect != SupportEffect.NONE:
            problems.append(
                RowProblem(
                    "An interpreter or intermediary provided on time cannot have caused an "
                    "adjournment: use effect 'none' or a different outcome.",
                    "Effect",
                    effect,
                )
            )
        if problems:
            raise RowProblems(problems)
        values = {
            "_urn": urn,
            "_victim": number,
            "kind": kind,
            "purpose": purpose,
            "needed_by": needed_by,
            "language_id": language,
            "requested_on": requested_on,
            "booked_on": booked_on,
            "outcome": outcome,
            "effect": effect,
        }
        key = f"{urn}|V{number}|{kind}|{purpose}|{needed_by:%Y-%m-%d}"
        return [Record(row=row, key=key, values=values)]

    FIELDS = ("language_id", "requested_on", "booked_on", "outcome", "effect")

    def write(self, records, context):
        result = WriteResult()
        victims = _victims_for(records)
        existing: dict[tuple, InterpreterBooking] = {}
        for booking in InterpreterBooking.objects.filter(
            victim_id__in=[v["pk"] for v in victims.values()]
        ).order_by("id"):
            existing.setdefault(
                (booking.victim_id, booking.kind, booking.purpose, booking.needed_by), booking
            )
        new, changed = [], []
        for record in records:
            v = record.values
            victim, problem = _find_victim(record, victims, context["actor"])
            if problem:
                result.problems.append((record.row, problem))
                continue
            values = {name: v[name] for name in self.FIELDS}
            current = existing.get((victim["pk"], v["kind"], v["purpose"], v["needed_by"]))
            if current is None:
                new.append(
                    InterpreterBooking(
                        victim_id=victim["pk"],
                        kind=v["kind"],
                        purpose=v["purpose"],
                        needed_by=v["needed_by"],
                        **values,
                    )
                )
            elif any(getattr(current, n) != value for n, value in values.items()):
                for name, value in values.items():
                    setattr(current, name, value)
                changed.append(current)
            else:
                result.unchanged += 1
        InterpreterBooking.objects.bulk_create(new, batch_size=1000)
        InterpreterBooking.objects.bulk_update(changed, list(self.FIELDS), batch_size=1000)
        result.created += len(new)
        result.updated += len(changed)
        return result
