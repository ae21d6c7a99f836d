"""Casework imports from the main case management system: cases, and milestones and outcomes.

These are bulk paths: they apply the case register's own rules (URN format and force code,
counts, the allocation criteria, milestone date order, status from the charging decision,
a reason for every unsuccessful outcome) to a chunk of rows with one read per chunk, then
write with bulk statements. The batch's single collection event in the audit trail covers
the rows it created or changed (ids and counts only), see docs/decisions/0503.
"""

from datetime import date
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import CaseScope
from msht.cases.models import AllocationRule, Case, CaseEvent, CaseStatus, ChargingDecision
from msht.cases.services import DATE_LABELS, DATE_ORDER, DECISION_STATUS, case_facts
from msht.cases.services import recommend_from_facts as recommend
from msht.cases.urn import urn_display, urn_parse
from msht.reference.models import (
    Area,
    ExploitationType,
    FinalisationOutcome,
    PoliceForce,
    UnsuccessfulReason,
)

from ..bulk import ids_by, insert_rows
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

CASE_FIELDS = [
    "area_id",
    "police_force_id",
    "operation_name",
    "international",
    "organised_crime_group",
    "joint_investigation_team",
    "child_victim",
    "county_lines",
    "victim_count",
    "suspect_count",
    "referral_date",
]
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
        context["rules"] = list(
            AllocationRule.objects.filter(enabled=True).select_related("recommended_unit")
        )
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
        result = WriteResult()
        actor = context["actor"]
        actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        existing = {
            case.urn: case
            for case in Case.objects.filter(urn__in=[r.key for r in records]).only(
                "pk", "urn", "version", *[f.removesuffix("_id") for f in CASE_FIELDS]
            )
        }
        current_types: dict[int, list[str]] = {}
        through = Case.exploitation_types.through
        if existing:
            for case_id, code in through.objects.filter(
                case_id__in=[c.pk for c in existing.values()]
            ).values_list("case_id", "exploitationtype__code"):
                current_types.setdefault(case_id, []).append(code)
        new_rows, new_types, changed = [], {}, []
        today = timezone.localdate()
        for record in records:
            values = dict(record.values)
            codes = values.pop("_types")
            case = existing.get(record.key)
            if case is None:
                unit_id, reasons, _ = self._recommendation(values, codes, context)
                new_rows.append(
                    (
                        record.key,
                        actor_id,
                        *[values[f] for f in CASE_FIELDS],
                        unit_id,
                        reasons,
                    )
                )
                new_types[record.key] = (codes, values["referral_date"])
                continue
            if not _in_scope(actor, case.area_id):
                result.problems.append(
                    (
                        record.row,
                        RowProblem(
                            f"A case with URN {urn_display(record.key)} exists in another "
                            "Area; you cannot change it.",
                            "URN",
                            record.key,
                        ),
                    )
                )
                continue
            before = [getattr(case, f) for f in CASE_FIELDS]
            old_codes = sorted(current_types.get(case.pk, []))
            if before == [values[f] for f in CASE_FIELDS] and old_codes == codes:
                result.unchanged += 1
                continue
            for name, value in values.items():
                setattr(case, name, value)
            self._recommend(case, codes, context)
            changed.append((case, codes, old_codes))
        if new_rows:
            # New cases skip the ORM's per-instance work: checked rows go in as tuples
            # (executemany / COPY), then their ids are read back by URN (decision 0512).
            insert_rows(
                Case,
                [
                    "urn",
                    "created_by_id",
                    *CASE_FIELDS,
                    "recommended_unit_id",
                    "recommendation_reasons",
                ],
                new_rows,
            )
            ids = ids_by(Case, "urn", list(new_types))
            type_ids = context["types"]
            insert_rows(
                through,
                ["case_id", "exploitationtype_id"],
                [
                    (ids[urn], type_ids[code])
                    for urn, (codes, _) in new_types.items()
                    for code in codes
                ],
            )
            details = {"import": True}
            events = [
                (ids[urn], CaseEvent.Kind.REGISTERED.value, today, actor_id, details)
                for urn in new_types
            ]
            events += [
                (ids[urn], CaseEvent.Kind.POLICE_REFERRAL.value, referral, actor_id, details)
                for urn, (_, referral) in new_types.items()
                if referral
            ]
            insert_rows(
                CaseEvent, ["case_id", "kind", "occurred_on", "recorded_by_id", "details"], events
            )
            result.created += len(new_rows)
        if changed:
            for case, codes, old_codes in changed:
                Case.objects.filter(pk=case.pk).update(
                    version=F("version") + 1,
                    updated_at=timezone.now(),
                    recommended_unit=case.recommended_unit,
                    recommendation_reasons=case.recommendation_reasons,
                    **{f: getattr(case, f) for f in CASE_FIELDS},
                )
                if codes != old_codes:
                    through.objects.filter(case_id=case.pk).delete()
                    through.objects.bulk_create(
                        [
                            through(case_id=case.pk, exploitationtype_id=context["types"][code])
                            for code in codes
                        ]
                    )
            CaseEvent.objects.bulk_create(
                [
                    CaseEvent(
                        case_id=case.pk,
                        kind=CaseEvent.Kind.DETAILS_CHANGED,
                        occurred_on=today,
                        recorded_by_id=actor_id,
                        details={"import": True},
                    )
                    for case, _, _ in changed
                ]
            )
            result.updated += len(changed)
        return result

    @staticmethod
    def _recommendation(values: dict[str, Any], codes: list[str], context: dict) -> tuple:
        """(unit id, reasons, unit) from the allocation criteria, cached by the facts they
        read: a file has few distinct combinations."""
        if not context["rules"]:
            return None, [], None
        key = (
            values["victim_count"],
            values["suspect_count"],
            *(values[name] for _, name in FLAGS),
            tuple(codes),
        )
        cache = context.setdefault("recommendations", {})
        if key not in cache:
            recommendation = recommend(
                case_facts(SimpleNamespace(**values), codes), context["rules"]
            )
            unit = recommendation.unit
            cache[key] = (unit.pk if unit else None, list(recommendation.reasons), unit)
        return cache[key]

    @classmethod
    def _recommend(cls, case: Case, codes: list[str], context: dict) -> None:
        if not context["rules"]:
            return
        values = {name: getattr(case, name) for name in CASE_FIELDS}
        _, reasons, unit = cls._recommendation(values, codes, context)
        case.recommended_unit = unit
        case.recommendation_reasons = list(reasons)


MILESTONE_COLUMNS = [
    ("Advice requested date", "advice_requested_date"),
    ("Advice given date", "advice_given_date"),
    ("Charging decision date", "charging_decision_date"),
    ("First hearing date", "first_hearing_date"),
    ("Trial date", "trial_date"),
    ("Finalised date", "finalised_date"),
]
MILESTONE_FIELDS = [
    "advice_requested_date",
    "advice_given_date",
    "charging_decision",
    "charging_decision_date",
    "charge_date",
    "first_hearing_date",
    "trial_date",
    "finalised_date",
    "outcome_id",
    "unsuccessful_reason_id",
    "status",
]
EVENT_FOR = {
    "advice_requested_date": CaseEvent.Kind.ADVICE_REQUESTED,
    "advice_given_date": CaseEvent.Kind.ADVICE_GIVEN,
    "charging_decision_date": CaseEvent.Kind.CHARGING_DECISION,
    "first_hearing_date": CaseEvent.Kind.FIRST_HEARING,
    "trial_date": CaseEvent.Kind.TRIAL,
    "finalised_date": CaseEvent.Kind.FINALISATION,
}


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
        result = WriteResult()
        actor = context["actor"]
        actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        cases = {c.urn: c for c in Case.objects.filter(urn__in=[r.key for r in records])}
        events, updates = [], []
        for record in records:
            case = cases.get(record.key)
            if case is None or not _in_scope(actor, case.area_id):
                result.problems.append(
                    (
                        record.row,
                        RowProblem(
                            f"There is no case with URN {urn_display(record.key)}. Import the case "
                            "first.",
                            "URN",
                            record.key,
                        ),
                    )
                )
                continue
            proposed = {
                name: value for name, value in record.values.items() if value not in (None, "")
            }
            problem = _date_order_problem(case, proposed)
            if problem:
                result.problems.append((record.row, problem))
                continue
            proposed["status"] = _status_for(case, proposed)
            fields = {n: v for n, v in proposed.items() if getattr(case, n) != v}
            if not fields:
                result.unchanged += 1
                continue
            updates.append((case, fields))
            for name, kind in EVENT_FOR.items():
                if name in fields:
                    events.append(
                        CaseEvent(
                            case_id=case.pk,
                            kind=kind,
                            occurred_on=fields[name],
                            recorded_by_id=actor_id,
                            details={"import": True},
                        )
                    )
        for case, fields in updates:
            Case.objects.filter(pk=case.pk).update(
                version=F("version") + 1, updated_at=timezone.now(), **fields
            )
        CaseEvent.objects.bulk_create(events, batch_size=2000)
        result.updated += len(updates)
        return result


def _date_order_problem(case: Case, proposed: dict[str, Any]) -> RowProblem | None:
    today = timezone.localdate()
    merged = {name: getattr(case, name) for name in DATE_LABELS}
    merged.update({k: v for k, v in proposed.items() if k in DATE_LABELS})
    for name, value in merged.items():
        if isinstance(value, date) and value > today:
            return RowProblem(f"{DATE_LABELS[name][0]} must be today or in the past.")
    for later, earlier in DATE_ORDER:
        if merged.get(later) and merged.get(earlier) and merged[later] < merged[earlier]:
            return RowProblem(
                f"{DATE_LABELS[later][0]} ({merged[later]:%d/%m/%Y}) must be on or after the "
                f"{DATE_LABELS[earlier][1]} ({merged[earlier]:%d/%m/%Y}).",
                next((label for label, f in MILESTONE_COLUMNS if f == later), ""),
                f"{merged[later]:%Y-%m-%d}",
            )
    return None


def _status_for(case: Case, proposed: dict[str, Any]) -> str:
    if proposed.get("finalised_date") or case.finalised_date:
        return CaseStatus.FINALISED
    if proposed.get("first_hearing_date") or proposed.get("trial_date"):
        return CaseStatus.IN_COURT
    decision = proposed.get("charging_decision") or case.charging_decision
    if decision:
        return DECISION_STATUS[decision]
    return case.status
