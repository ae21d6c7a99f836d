"""Defendants and their charges, from the main case management system.

Two kinds, imported in this order: `defendants` (natural key: case URN + defendant reference)
and `charges` (URN + defendant reference + offence code). They apply the rules of the case
register's `defendant_add`, `charge_add` and `charge_result_record` to chunks of rows, write
with bulk statements, record the same case events and bump the version of every case they
change, so a case page opened before the import cannot overwrite it (docs/decisions/0510).
"""

import re
from datetime import date
from typing import Any

from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.cases.models import (
    AgeBand,
    Case,
    CaseEvent,
    Charge,
    Defendant,
    Gender,
    Plea,
    Verdict,
)
from msht.cases.services.bulk import cases_bulk_touch
from msht.cases.urn import urn_display
from msht.reference.models import Nationality, Offence, PoliceForce

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
    text,
)
from .casework import _in_scope, _urn

REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9/-]{0,19}$")


def _actor_id(context: dict) -> int | None:
    actor = context["actor"]
    return actor.pk if getattr(actor, "is_authenticated", False) else None


def _reference(raw: dict[str, str]) -> str:
    """A defendant's pseudonymous reference. A wrong value is never echoed into the report:
    it might be a name."""
    try:
        value = text(raw, "Defendant reference", max_length=20).upper()
    except RowProblem as problem:
        raise RowProblem(problem.message, problem.column) from None
    if not REFERENCE.match(value):
        raise RowProblem(
            "Defendant reference must be a pseudonymous reference like D1 (letters, digits, "
            "'-' or '/', no spaces), never a name (the value is not shown here for that reason).",
            "Defendant reference",
        )
    return value


def _choice(raw: dict[str, str], column: str, choices: Any, *, blank: str) -> str:
    value = (raw.get(column) or "").strip().lower().replace(" ", "_")
    if not value:
        return blank
    lookup = {v: v for v in choices.values if v}
    lookup.update({str(label).lower().replace(" ", "_"): v for v, label in choices.choices if v})
    if value not in lookup:
        raise RowProblem(
            f"{column} '{raw.get(column, '').strip()}' is not known. Use one of: "
            f"{', '.join(v for v in choices.values if v)}.",
            column,
            raw.get(column, ""),
        )
    return lookup[value]


def _cases_for(records: list[Record], context: dict) -> dict[str, Case]:
    urns = {record.values["_urn"] for record in records}
    return {
        case.urn: case
        for case in Case.objects.filter(urn__in=urns).only(
            "pk", "urn", "area_id", "charge_date", "principal_offence_id"
        )
    }


def _missing_case(record: Record) -> tuple[int, RowProblem]:
    urn = record.values["_urn"]
    return (
        record.row,
        RowProblem(
            f"There is no case with URN {urn_display(urn)}. Import the case first.", "URN", urn
        ),
    )


def _touch_cases(
    context: dict, case_ids: set[int], fields: dict[int, dict[str, Any]] | None = None
) -> None:
    """Bump the version of every case changed, through the cases app's bulk writer."""
    actor = context["actor"] if context["actor"] is not None else access.SYSTEM
    cases_bulk_touch(actor=actor, case_ids=case_ids, fields=fields)


def _fill_pks(objects: list, lookup: dict[tuple, Any], key) -> None:
    """SQLite before 3.35 returns no ids from a bulk insert: read them back."""
    if all(obj.pk for obj in objects):
        return
    for obj in objects:
        obj.pk = obj.id = lookup[key(obj)]


@register
class DefendantsKind(ImportKind):
    name = "defendants"
    label = "Defendants and suspects of existing cases"
    key_label = "case URN and defendant reference"
    columns = [
        Column("URN", "The case's URN (the case must exist)", "01YE0123424"),
        Column("Defendant reference", "Pseudonymous reference within the case, never a name", "D1"),
        Column(
            "Age band",
            "under_18, 18_24, 25_34, 35_44, 45_54, 55_plus or unknown (blank is unknown)",
            "25_34",
            required=False,
        ),
        Column(
            "Gender", "female, male, other or unknown (blank is unknown)", "male", required=False
        ),
        Column(
            "Nationality",
            "ISO 3166-1 country code, 3 or 2 letters (blank if not known)",
            "ALB",
            required=False,
        ),
    ]

    def start(self, *, actor, options):
        context = super().start(actor=actor, options=options)
        context["forces"] = {f.code: f for f in PoliceForce.objects.all()}
        nationalities = {}
        for pk, code, alpha_2 in Nationality.objects.values_list("pk", "code", "alpha_2"):
            nationalities[code] = nationalities[alpha_2] = pk
        context["nationalities"] = nationalities
        return context

    def check_row(self, raw, context, row):
        urn, reference, age_band, gender, nationality = collect(
            [
                lambda: _urn(raw, context["forces"]),
                lambda: _reference(raw),
                lambda: _choice(raw, "Age band", AgeBand, blank=AgeBand.UNKNOWN),
                lambda: _choice(raw, "Gender", Gender, blank=Gender.UNKNOWN),
                lambda: one_of(
                    raw,
                    "Nationality",
                    context["nationalities"],
                    required=False,
                    what="country code",
                ),
            ]
        )
        values = {
            "_urn": urn,
            "reference": reference,
            "age_band": age_band,
            "gender": gender,
            "nationality_id": nationality,
        }
        return [Record(row=row, key=f"{urn}|{reference}", values=values)]

    FIELDS = ("age_band", "gender", "nationality_id")

    def write(self, records, context):
        result = WriteResult()
        actor_id = _actor_id(context)
        cases = _cases_for(records, context)
        existing = {
            (d.case_id, d.reference): d
            for d in Defendant.objects.filter(
                case_id__in=[c.pk for c in cases.values()],
                reference__in={r.values["reference"] for r in records},
            ).only("pk", "case_id", "reference", *self.FIELDS)
        }
        new, changed, touched = [], [], set()
        for record in records:
            case = cases.get(record.values["_urn"])
            if case is None or not _in_scope(context["actor"], case.area_id):
                result.problems.append(_missing_case(record))
                continue
            values = {name: record.values[name] for name in self.FIELDS}
            current = existing.get((case.pk, record.values["reference"]))
            if current is None:
                new.append(
                    Defendant(case_id=case.pk, reference=record.values["reference"], **values)
                )
            elif any(getattr(current, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(current, name, value)
                current.updated_at = timezone.now()
                changed.append(current)
            else:
                result.unchanged += 1
                continue
            touched.add(case.pk)
        today = timezone.localdate()
        if new:
            Defendant.objects.bulk_create(new, batch_size=1000)
            if not all(d.pk for d in new):
                ids = {
                    (case_id, ref): pk
                    for pk, case_id, ref in Defendant.objects.filter(
                        case_id__in={d.case_id for d in new}
                    ).values_list("pk", "case_id", "reference")
                }
                _fill_pks(new, ids, lambda d: (d.case_id, d.reference))
            result.created += len(new)
        if changed:
            Defendant.objects.bulk_update(changed, [*self.FIELDS, "updated_at"], batch_size=1000)
            result.updated += len(changed)
        events = [
            CaseEvent(
                case_id=d.case_id,
                kind=CaseEvent.Kind.DEFENDANT_ADDED,
                occurred_on=today,
                recorded_by_id=actor_id,
                details={"defendant": d.pk, "import": True},
            )
            for d in new
        ] + [
            CaseEvent(
                case_id=d.case_id,
                kind=CaseEvent.Kind.DETAILS_CHANGED,
                occurred_on=today,
                recorded_by_id=actor_id,
                details={"defendant": d.pk, "import": True},
            )
            for d in changed
        ]
        CaseEvent.objects.bulk_create(events, batch_size=2000)
        _touch_cases(context, touched)
        return result


CHARGE_FIELDS = ("charged_on", "plea", "plea_on", "verdict", "verdict_on")


def _date_after_charge(
    value: date | None, charged_on: date | None, column: str
) -> RowProblem | None:
    if value and charged_on and value < charged_on:
        return RowProblem(
            f"{column} ({value:%d/%m/%Y}) must be on or after the date of charge "
            f"({charged_on:%d/%m/%Y}).",
            column,
            f"{value:%Y-%m-%d}",
        )
    return None


@register
class ChargesKind(ImportKind):
    name = "charges"
    label = "Charges of existing defendants, with pleas and verdicts"
    key_label = "case URN, defendant reference and offence"
    columns = [
        Column(
            "URN", "The case's URN (the case must exist, with a decision to charge)", "01YE0123424"
        ),
        Column("Defendant reference", "The defendant's reference (import defendants first)", "D1"),
        Column("Offence", "Offence code, like MSA-S2 (one row per offence)", "MSA-S2"),
        Column(
            "Date of charge",
            "YYYY-MM-DD or DD/MM/YYYY; on or after the case's charging decision",
            "2024-05-01",
        ),
        Column(
            "Principal",
            "yes: the case's principal offence; no: not; blank: principal if the case has none",
            "yes",
            required=False,
        ),
        Column("Plea", "guilty, not_guilty, guilty_lesser or blank", "", required=False),
        Column("Date of plea", "Required with a plea", "", required=False),
        Column(
            "Verdict",
            "convicted, acquitted, discontinued, lie_on_file or blank",
            "",
            required=False,
        ),
        Column("Date of verdict", "Required with a verdict", "", required=False),
    ]

    def start(self, *, actor, options):
        context = super().start(actor=actor, options=options)
        context["forces"] = {f.code: f for f in PoliceForce.objects.all()}
        context["offences"] = {o.code: o.pk for o in Offence.objects.enabled()}
        context["offence_codes"] = {pk: code for code, pk in context["offences"].items()}
        context["principal_rows"] = {}  # URN -> row of the file's principal charge
        return context

    def check_row(self, raw, context, row):
        urn, reference, offence, charged_on, plea, plea_on, verdict, verdict_on = collect(
            [
                lambda: _urn(raw, context["forces"]),
                lambda: _reference(raw),
                lambda: one_of(raw, "Offence", context["offences"], what="offence code"),
                lambda: a_date(raw, "Date of charge"),
                lambda: _choice(raw, "Plea", Plea, blank=""),
                lambda: a_date(raw, "Date of plea", required=False),
                lambda: _choice(raw, "Verdict", Verdict, blank=""),
                lambda: a_date(raw, "Date of verdict", required=False),
            ]
        )
        principal_text = (raw.get("Principal") or "").strip().lower()
        problems = []
        principal: bool | None = None
        if principal_text in {"yes", "y", "true", "1"}:
            principal = True
        elif principal_text in {"no", "n", "false", "0"}:
            principal = False
        elif principal_text:
            problems.append(
                RowProblem("Principal must be yes, no or blank.", "Principal", principal_text)
            )
        if plea and not plea_on:
            problems.append(
                RowProblem("Date of plea is missing: enter the date of the plea.", "Date of plea")
            )
        if plea_on and not plea:
            problems.append(RowProblem("Plea is missing: a date of plea needs the plea.", "Plea"))
        if verdict and not verdict_on:
            problems.append(
                RowProblem(
                    "Date of verdict is missing: enter the date of the verdict.", "Date of verdict"
                )
            )
        if verdict_on and not verdict:
            problems.append(
                RowProblem("Verdict is missing: a date of verdict needs the verdict.", "Verdict")
            )
        for value, column in ((plea_on, "Date of plea"), (verdict_on, "Date of verdict")):
            problem = _date_after_charge(value, charged_on, column)
            if problem:
                problems.append(problem)
        if principal and not problems:
            earlier = context["principal_rows"].get(urn)
            if earlier is not None:
                problems.append(
                    RowProblem(
                        f"Row {earlier} already marks the principal offence of case "
                        f"{urn_display(urn)}; a case has one principal offence.",
                        "Principal",
                        principal_text,
                    )
                )
            else:
                context["principal_rows"][urn] = row
        if problems:
            raise RowProblems(problems)
        offence_code = context["offence_codes"][offence]
        values = {
            "_urn": urn,
            "reference": reference,
            "offence_id": offence,
            "offence_code": offence_code,
            "principal": principal,
            "charged_on": charged_on,
            "plea": plea,
            "plea_on": plea_on,
            "verdict": verdict,
            "verdict_on": verdict_on,
        }
        return [Record(row=row, key=f"{urn}|{reference}|{offence_code}", values=values)]

    def write(self, records, context):
        result = WriteResult()
        actor_id = _actor_id(context)
        cases = _cases_for(records, context)
        case_ids = [c.pk for c in cases.values()]
        defendants = {
            (case_id, ref): pk
            for pk, case_id, ref in Defendant.objects.filter(
                case_id__in=case_ids, reference__in={r.values["reference"] for r in records}
            ).values_list("pk", "case_id", "reference")
        }
        existing: dict[tuple[int, int], Charge] = {}
        principal_of_case: dict[int, int] = {}  # case id -> pk of its principal charge
        for charge in (
            Charge.objects.filter(defendant__case_id__in=case_ids)
            .annotate(case_id=F("defendant__case_id"))
            .order_by("id")
        ):
            existing.setdefault((charge.defendant_id, charge.offence_id), charge)
            if charge.is_principal:
                principal_of_case[charge.case_id] = charge.pk
        new: list[tuple[Charge, int]] = []
        changed: list[tuple[Charge, int, set[str]]] = []
        make_principal: dict[int, Charge] = {}  # case id -> charge to be its principal
        for record in records:
            v = record.values
            case = cases.get(v["_urn"])
            if case is None or not _in_scope(context["actor"], case.area_id):
                result.problems.append(_missing_case(record))
                continue
            defendant_id = defendants.get((case.pk, v["reference"]))
            if defendant_id is None:
                result.problems.append(
                    (
                        record.row,
                        RowProblem(
                            f"Case {urn_display(case.urn)} has no defendant {v['reference']}. "
                            "Import the defendants first.",
                            "Defendant reference",
                            v["reference"],
                        ),
                    )
                )
                continue
            if case.charge_date is None:
                result.problems.append(
                    (
                        record.row,
                        RowProblem(
                            f"Case {urn_display(case.urn)} has no decision to charge. Record "
                            "the charging decision (milestones import) first.",
                            "Date of charge",
                            f"{v['charged_on']:%Y-%m-%d}",
                        ),
                    )
                )
                continue
            if v["charged_on"] < case.charge_date:
                result.problems.append(
                    (
                        record.row,
                        RowProblem(
                            f"Date of charge must be on or after the case's charging decision "
                            f"date ({case.charge_date:%d/%m/%Y}).",
                            "Date of charge",
                            f"{v['charged_on']:%Y-%m-%d}",
                        ),
                    )
                )
                continue
            values = {name: v[name] for name in CHARGE_FIELDS}
            current = existing.get((defendant_id, v["offence_id"]))
            if current is None:
                charge = Charge(defendant_id=defendant_id, offence_id=v["offence_id"], **values)
                if v["principal"] or (
                    v["principal"] is None
                    and case.pk not in principal_of_case
                    and case.pk not in make_principal
                ):
                    make_principal[case.pk] = charge
                new.append((charge, case.pk))
                continue
            fields = {name for name, value in values.items() if getattr(current, name) != value}
            if v["principal"] is True and not current.is_principal:
                make_principal[case.pk] = current
                fields.add("is_principal")
            elif v["principal"] is False and current.is_principal:
                current.is_principal = False
                fields.add("is_principal")
            if not fields:
                result.unchanged += 1
                continue
            for name in fields & set(CHARGE_FIELDS):
                setattr(current, name, values[name])
            changed.append((current, case.pk, fields))
        for charge in make_principal.values():
            charge.is_principal = True
        if new:
            Charge.objects.bulk_create([c for c, _ in new], batch_size=1000)
            if not all(c.pk for c, _ in new):
                ids = {
                    (d, o): pk
                    for pk, d, o in Charge.objects.filter(
                        defendant_id__in={c.defendant_id for c, _ in new}
                    )
                    .order_by("id")
                    .values_list("pk", "defendant_id", "offence_id")
                }
                _fill_pks([c for c, _ in new], ids, lambda c: (c.defendant_id, c.offence_id))
            result.created += len(new)
        if changed:
            Charge.objects.bulk_update(
                [c for c, _, _ in changed], [*CHARGE_FIELDS, "is_principal"], batch_size=1000
            )
            result.updated += len(changed)
        case_fields: dict[int, dict[str, Any]] = {}
        for case_id, charge in make_principal.items():
            Charge.objects.filter(defendant__case_id=case_id, is_principal=True).exclude(
                pk=charge.pk
            ).update(is_principal=False)
            case_fields[case_id] = {"principal_offence_id": charge.offence_id}
        for charge, case_id, fields in changed:
            # An unmarked principal charge: the case may have no principal offence now.
            if (
                "is_principal" in fields
                and not charge.is_principal
                and case_id not in case_fields
                and not Charge.objects.filter(
                    defendant__case_id=case_id, is_principal=True
                ).exists()
            ):
                case_fields[case_id] = {"principal_offence_id": None}
        events = []
        codes = context["offence_codes"]
        for charge, case_id in new:
            events.append(
                self._event(
                    case_id, CaseEvent.Kind.CHARGE_ADDED, charge.charged_on, actor_id, charge, codes
                )
            )
            events += self._result_events(charge, case_id, actor_id, {"plea", "verdict"}, codes)
        for charge, case_id, fields in changed:
            events += self._result_events(charge, case_id, actor_id, fields, codes)
        CaseEvent.objects.bulk_create(events, batch_size=2000)
        touched = {case_id for _, case_id in new} | {case_id for _, case_id, _ in changed}
        _touch_cases(context, touched - set(case_fields), case_fields)
        return result

    @staticmethod
    def _event(case_id, kind, occurred_on, actor_id, charge, codes, **details) -> CaseEvent:
        return CaseEvent(
            case_id=case_id,
            kind=kind,
            occurred_on=occurred_on,
            recorded_by_id=actor_id,
            details={
                "charge": charge.pk,
                "defendant": charge.defendant_id,
                "offence": codes[charge.offence_id],
                "import": True,
                **details,
            },
        )

    def _result_events(self, charge, case_id, actor_id, fields, codes) -> list[CaseEvent]:
        events = []
        if charge.plea and ({"plea", "plea_on"} & fields):
            events.append(
                self._event(
                    case_id,
                    CaseEvent.Kind.PLEA,
                    charge.plea_on,
                    actor_id,
                    charge,
                    codes,
                    plea=charge.plea,
                )
            )
        if charge.verdict and ({"verdict", "verdict_on"} & fields):
            events.append(
                self._event(
                    case_id,
                    CaseEvent.Kind.VERDICT,
                    charge.verdict_on,
                    actor_id,
                    charge,
                    codes,
                    verdict=charge.verdict,
                )
            )
        return events
