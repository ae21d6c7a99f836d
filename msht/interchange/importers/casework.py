"""Casework imports from the main case management system: cases, and milestones and outcomes.

These are bulk paths: they apply the case register's own rules (URN format and force code,
counts, the allocation criteria, milestone date order, status from the charging decision,
a reason for every unsuccessful outcome) to a chunk of rows with one read per chunk, then
write through the cases app's bulk writers (`msht.cases.services.bulk`), which validate,
version and audit the rows they write. The batch's collection event records the file and the
counts, see docs/decisions/0503.
"""

from typing import Any

from django.core.exceptions import ValidationError

from msht.accounts import access
from msht.accounts.roles import CaseScope
from msht.cases.models import ChargingDecision
from msht.cases.services.bulk import (
    CaseRow,
    case_bulk_context,
    cases_bulk_milestones,
    cases_bulk_save,
)
from msht.cases.urn import urn_parse
from msht.reference.models import (
    Area,
    ExploitationType,
    FinalisationOutcome,
    PoliceForce,
    UnsuccessfulReason,
)

from ..kinds import (
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
    whole_number,
    yes_no,
)

FLAGS = [
    ("International element", "international"),
    ("Organised crime group", "organised_crime_group"),
    ("Joint investigation team", "joint_investigation_team"),
    ("Child victim", "child_victim"),
    ("County lines", "county_lines"),
]


def _urn(raw: dict[str, str], forces: dict[str, PoliceForce]) -> str:
    value = raw.get("URN") or ""
    try:
        return str(urn_parse(value, force_codes=set(forces)))
    except ValidationError as error:
        raise RowProblem(f"URN: {error.messages[0]}.", "URN", value) from error


def _in_scope(actor: Any, area_id: int) -> bool:
    if actor is None:  # the command line, run by an operator
        return True
    scope = access.case_scope(actor)
    if scope == CaseScope.ALL:
        return True
    return scope == CaseScope.OWN_AREA and actor.area_id == area_id


@register
class CasesKind(ImportKind):
    name = "cases"
    label = "Cases (register new cases and update their details)"
    key_label = "URN"
    columns = [
        Column("URN", "Unique reference number: force code, unit, number, year", "01YE0123424"),
        Column(
            "Area",
            "CPS Area code; blank for the police force's Area",
            "LONDON-NORTH",
            required=False,
        ),
        Column("Police force", "Two-digit force code; must match the URN", "01", required=False),
        Column("Operation name", "Police operation name", "Operation Kestrel", required=False),
        Column(
            "Exploitation types",
            "Codes separated by ';' (SEXUAL; LABOUR; DOMESTIC; CRIMINAL; ORGAN; OTHER; UNKNOWN)",
            "LABOUR;CRIMINAL",
            required=False,
        ),
        *[Column(label, "yes or no (blank is no)", "no", required=False) for label, _ in FLAGS],
        Column("Number of victims", "Whole number", "3", required=False),
        Column("Number of suspects", "Whole number", "2", required=False),
        Column("Police referral date", "YYYY-MM-DD or DD/MM/YYYY", "2024-03-27", required=False),
    ]

    def start(self, *, actor, options):
        context = super().start(actor=actor, options=options)
        context["forces"] = {f.code: f for f in PoliceForce.objects.all()}
        context["areas"] = {a.code: a.pk for a in Area.objects.enabled()}
        context["types"] = {t.code: t.pk for t in ExploitationType.objects.enabled()}
        context["bulk"] = case_bulk_context(type_ids=context["types"])
        return context

    def check_row(self, raw, context, row):
        forces = context["forces"]

        def force_and_area():
            urn = _urn(raw, forces)
            force = forces[urn[:2]]
            given = (raw.get("Police force") or "").strip()
            if given and given.zfill(2) != force.code:
                raise RowProblem(
                    f"The URN starts with {force.code} ({force.name}), so the police force must "
                    f"be {force.code}, not {given}.",
                    "Police force",
                    given,
                )
            area_id = one_of(raw, "Area", context["areas"], required=False, what="Area code")
            area_id = area_id or force.area_id
            if area_id is None:
                raise RowProblem(
                    "Area is missing: this force has no Area. Enter the Area code.", "Area", ""
                )
            if not _in_scope(context["actor"], area_id):
                raise RowProblem(
                    "You can only import cases for your own Area.", "Area", raw.get("Area") or ""
                )
            return urn, force.pk, area_id

        def exploitation():
            value = (raw.get("Exploitation types") or "").strip()
            codes = [c.strip().upper() for c in value.replace(",", ";").split(";") if c.strip()]
            unknown = [c for c in codes if c not in context["types"]]
            if unknown:
                raise RowProblem(
                    f"Exploitation types: {', '.join(unknown)} is not a known code. Use "
                    f"{', '.join(context['types'])}.",
                    "Exploitation types",
                    value,
                )
            return sorted(set(codes))

        (urn, force_id, area_id), operation, codes, *rest = collect(
            [
                force_and_area,
                lambda: text(raw, "Operation name", required=False, max_length=100),
                exploitation,
                *[lambda label=label: yes_no(raw, label) for label, _ in FLAGS],
                lambda: whole_number(raw, "Number of victims", required=False, maximum=10_000) or 0,
                lambda: whole_number(raw, "Number of suspects", required=False, maximum=10_000)
                or 0,
                lambda: a_date(raw, "Police referral date", required=False),
            ]
        )
        flags = dict(zip([name for _, name in FLAGS], rest[: len(FLAGS)], strict=True))
        victims, suspects, referral = rest[len(FLAGS) :]
        values = {
            "area_id": area_id,
            "police_force_id": force_id,
            "operation_name": operation,
            **flags,
            "victim_count": victims,
            "suspect_count": suspects,
            "referral_date": referral,
            "_types": codes,
        }
        return [Record(row=row, key=urn, values=values)]

    def write(self, records, context):
        """The cases app's bulk writer validates, writes, versions and audits (0503, 0512)."""
        rows = []
        for record in records:
            values = dict(record.values)
            codes = values.pop("_types")
            rows.append(CaseRow(urn=record.key, values=values, exploitation_codes=tuple(codes)))
        saved = cases_bulk_save(actor=_writer(context), rows=rows, context=context["bulk"])
        return _write_result(saved, records, {"area_id": "Area", "urn": "URN"})


def _writer(context: dict) -> Any:
    """The actor the bulk writers act for: `import_file(actor=None)` is the command line, run
    by an operator, so the service itself (access.SYSTEM)."""
    return context["actor"] if context["actor"] is not None else access.SYSTEM


def _write_result(saved: Any, records: list[Record], columns: dict[str, str]) -> WriteResult:
    rows = {record.key: record.row for record in records}
    result = WriteResult(created=saved.created, updated=saved.updated, unchanged=saved.unchanged)
    for refusal in saved.refused:
        column = columns.get(refusal.field) or next(
            (label for label, name in MILESTONE_COLUMNS if name == refusal.field), ""
        )
        result.problems.append(
            (rows[refusal.key], RowProblem(refusal.message, column, refusal.value))
        )
    return result


MILESTONE_COLUMNS = [
    ("Advice requested date", "advice_requested_date"),
    ("Advice given date", "advice_given_date"),
    ("Charging decision date", "charging_decision_date"),
    ("First hearing date", "first_hearing_date"),
    ("Trial date", "trial_date"),
    ("Finalised date", "finalised_date"),
]


@register
class MilestonesKind(ImportKind):
    name = "milestones"
    label = "Milestones and outcomes of existing cases"
    key_label = "URN"
    columns = [
        Column("URN", "The case's URN (the case must exist)", "01YE0123424"),
        *[
            Column(label, "YYYY-MM-DD or DD/MM/YYYY", "", required=False)
            for label, _ in MILESTONE_COLUMNS
        ],
        Column(
            "Charging decision",
            "charge, nfa_evidential, nfa_public_interest, refer_back or out_of_court",
            "charge",
            required=False,
        ),
        Column("Outcome", "Finalisation outcome code, like GUILTY-PLEA", "", required=False),
        Column(
            "Unsuccessful reason",
            "Reason code when the outcome is not a conviction",
            "",
            required=False,
        ),
    ]

    def start(self, *, actor, options):
        context = super().start(actor=actor, options=options)
        context["forces"] = {f.code: f for f in PoliceForce.objects.all()}
        context["outcomes"] = {o.code: o for o in FinalisationOutcome.objects.enabled()}
        context["reasons"] = {r.code: r.pk for r in UnsuccessfulReason.objects.enabled()}
        context["decisions"] = {d: d for d in ChargingDecision.values}
        return context

    def check_row(self, raw, context, row):
        urn, *dates = collect(
            [lambda: _urn(raw, context["forces"])]
            + [
                lambda label=label: a_date(raw, label, required=False)
                for label, _ in MILESTONE_COLUMNS
            ]
        )
        decision, outcome, reason = collect(
            [
                lambda: one_of(
                    raw,
                    "Charging decision",
                    context["decisions"],
                    required=False,
                    what="charging decision",
                ),
                lambda: one_of(
                    raw, "Outcome", context["outcomes"], required=False, what="outcome code"
                ),
                lambda: one_of(
                    raw,
                    "Unsuccessful reason",
                    context["reasons"],
                    required=False,
                    what="reason code",
                ),
            ]
        )
        values: dict[str, Any] = dict(zip([f for _, f in MILESTONE_COLUMNS], dates, strict=True))
        problems = []
        if decision and not values["charging_decision_date"]:
            problems.append(
                RowProblem(
                    "Charging decision date is missing: enter the date of the decision.",
                    "Charging decision date",
                    "",
                )
            )
        if values["finalised_date"] and outcome is None:
            problems.append(
                RowProblem("Outcome is missing: a finalised case needs its outcome.", "Outcome", "")
            )
        if outcome is not None and not outcome.is_conviction and reason is None:
            problems.append(
                RowProblem(
                    f"Unsuccessful reason is missing: the outcome '{outcome.name}' is not a "
                    "conviction, so give the reason.",
                    "Unsuccessful reason",
                    "",
                )
            )
        if problems:
            from ..kinds import RowProblems

            raise RowProblems(problems)
        values["charging_decision"] = decision or ""
        values["charge_date"] = (
            values["charging_decision_date"] if decision == ChargingDecision.CHARGE else None
        )
        values["outcome_id"] = outcome.pk if outcome else None
        values["unsuccessful_reason_id"] = reason
        return [Record(row=row, key=urn, values=values)]

    def write(self, records, context):
        """The cases app's bulk writer checks date order, derives the status, versions and
        audits (decision 0503)."""
        rows = [(record.key, record.values) for record in records]
        saved = cases_bulk_milestones(actor=_writer(context), rows=rows)
        return _write_result(saved, records, {"urn": "URN"})
