"""Bulk writes to the case register, for imports: validated, versioned and audited per call.

The one-case services take the audit chain's lock and write one case at a time; a million-row
import through them would take hours (docs/decisions/0503). These services apply the same rules
(`msht.cases.rules`, the allocation criteria, the scope door in `msht.accounts.access`) to a
chunk of already-parsed rows and write with bulk statements: new cases below the ORM
(`bulk_insert.insert_rows`, decision 0512), changes with one `UPDATE` per case that bumps its
version, the same case events as the services, and one audit row per call (ids bounded).

A row the actor may not write (a case of another Area) is not written and comes back in
`BulkResult.refused`; input the caller should never pass (an unnormalised URN, a count out of
range, an unknown field) raises `ValueError`. No actor is refused: a command that writes as the
service itself passes `access.SYSTEM`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.dates import today

from ..bulk_insert import ids_by, insert_rows
from ..models import AllocationRule, Case, CaseEvent
from ..rules import (
    CASE_COUNT_MAXIMUM,
    case_facts,
    date_order_problem,
    recommend_from_facts,
    status_from_milestones,
)
from ..urn import urn_display, urn_normalise

# The details a bulk registration or update writes (attribute names).
CASE_FIELDS = (
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
)
FLAG_FIELDS = (
    "international",
    "organised_crime_group",
    "joint_investigation_team",
    "child_victim",
    "county_lines",
)
MILESTONE_FIELDS = frozenset(
    {
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
    }
)
EVENT_FOR = {
    "advice_requested_date": CaseEvent.Kind.ADVICE_REQUESTED,
    "advice_given_date": CaseEvent.Kind.ADVICE_GIVEN,
    "charging_decision_date": CaseEvent.Kind.CHARGING_DECISION,
    "first_hearing_date": CaseEvent.Kind.FIRST_HEARING,
    "trial_date": CaseEvent.Kind.TRIAL,
    "finalised_date": CaseEvent.Kind.FINALISATION,
}
TOUCH_FIELDS = frozenset({"principal_offence_id"})
AUDIT_IDS = 200  # ids listed in one audit row; the counts are always complete
_UPDATE_SLICE = 900  # ids per UPDATE ... WHERE id IN (...), under SQLite's parameter limit


@dataclass(frozen=True)
class CaseRow:
    """One checked row: a URN (normalised), the details (CASE_FIELDS) and exploitation codes."""

    urn: str
    values: dict[str, Any]
    exploitation_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refusal:
    key: str
    message: str
    field: str = ""
    value: str = ""


@dataclass
class BulkResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)


@dataclass
class BulkContext:
    """What a bulk run reads once: the criteria in force and the exploitation type ids, and the
    recommendations computed so far (a file has few distinct combinations of facts)."""

    rules: list[AllocationRule]
    type_ids: dict[str, int]
    recommendations: dict[tuple, tuple] = field(default_factory=dict)


def case_bulk_context(*, type_ids: dict[str, int]) -> BulkContext:
    rules = list(AllocationRule.objects.filter(enabled=True).select_related("recommended_unit"))
    return BulkContext(rules=rules, type_ids=dict(type_ids))


def _require_actor(actor: Any) -> int | None:
    """The actor's id for events (None for the system); no actor at all is refused."""
    if actor is None:
        raise PermissionError("A bulk write needs an actor; a command passes access.SYSTEM.")
    return actor.pk if getattr(actor, "is_authenticated", False) else None


def _check_row(row: CaseRow, context: BulkContext) -> None:
    if urn_normalise(row.urn) != row.urn:
        raise ValueError(f"URN {row.urn!r} is not normalised")
    missing = set(CASE_FIELDS) - set(row.values)
    if missing:
        raise ValueError(f"Row for {row.urn} lacks {sorted(missing)}")
    for name in ("victim_count", "suspect_count"):
        value = row.values[name]
        if not isinstance(value, int) or not 0 <= value <= CASE_COUNT_MAXIMUM:
            raise ValueError(f"{name} of {row.urn} out of range: {value!r}")
    unknown = [code for code in row.exploitation_codes if code not in context.type_ids]
    if unknown:
        raise ValueError(f"Unknown exploitation types {unknown}")


def _recommendation(values: dict[str, Any], codes: Sequence[str], context: BulkContext) -> tuple:
    """(unit id, reasons, unit) from the allocation criteria, cached by the facts they read."""
    if not context.rules:
        return None, [], None
    key = (
        values["victim_count"],
        values["suspect_count"],
        *(values[name] for name in FLAG_FIELDS),
        tuple(codes),
    )
    if key not in context.recommendations:
        facts = case_facts(cast(Case, _Facts(values)), codes)
        recommendation = recommend_from_facts(facts, context.rules)
        unit = recommendation.unit
        context.recommendations[key] = (
            unit.pk if unit else None,
            list(recommendation.reasons),
            unit,
        )
    return context.recommendations[key]


class _Facts:
    """The attributes `case_facts` reads, from a row's values."""

    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)
        self.pk = None


def _audit_bulk(actor: Any, operation: str, ids: Iterable[int], source: str, count: int) -> None:
    listed: list[int] = []
    for pk in ids:
        if len(listed) >= AUDIT_IDS:
            break
        listed.append(pk)
    audit_record(
        actor=None if access.is_system(actor) else actor,
        operation=operation,
        object_type="case",
        detail={"bulk": True, "source": source, "count": count, "ids": listed},
    )


def cases_bulk_save(
    *, actor: Any, rows: Sequence[CaseRow], context: BulkContext, source: str = "import"
) -> BulkResult:
    """Register new cases and update the details of existing ones, in one transaction.

    New cases get their recommendation, exploitation types, REGISTERED and POLICE_REFERRAL
    events; changed ones a version bump, a new recommendation and a DETAILS_CHANGED event.
    """
    actor_id = _require_actor(actor)
    for row in rows:
        _check_row(row, context)
    result = BulkResult()
    with transaction.atomic():
        existing = _existing_cases([row.urn for row in rows])
        current_types = _types_of([case.pk for case in existing.values()])
        new_rows: list[CaseRow] = []
        changed: list[tuple[Case, tuple[str, ...], list[str]]] = []
        for row in rows:
            case = existing.get(row.urn)
            if case is None:
                if access.may_act_on_area(actor, row.values["area_id"]):
                    new_rows.append(row)
                else:
                    result.refused.append(_refusal_new(row))
                continue
            if not access.may_act_on_area(actor, case.area_id):
                result.refused.append(_refusal_other_area(row.urn))
                continue
            old_codes = sorted(current_types.get(case.pk, []))
            codes = sorted(row.exploitation_codes)
            if [getattr(case, f) for f in CASE_FIELDS] == [
                row.values[f] for f in CASE_FIELDS
            ] and old_codes == codes:
                result.unchanged += 1
                continue
            changed.append((case, tuple(codes), old_codes))
            _apply_details(case, row, context)
        if new_rows:
            ids = _insert_new(new_rows, actor_id, context)
            result.created = len(new_rows)
            _audit_bulk(actor, Operation.COLLECTION, ids.values(), source, len(new_rows))
        if changed:
            _update_changed(changed, actor_id, context)
            result.updated = len(changed)
            pks = (case.pk for case, _, _ in changed)
            _audit_bulk(actor, Operation.ALTERATION, pks, source, len(changed))
    return result


def _refusal_new(row: CaseRow) -> Refusal:
    return Refusal(row.urn, "You can only import cases for your own Area.", "area_id", "")


def _refusal_other_area(urn: str) -> Refusal:
    return Refusal(
        urn,
        f"A case with URN {urn_display(urn)} exists in another Area; you cannot change it.",
        "urn",
        urn,
    )


def _existing_cases(urns: list[str]) -> dict[str, Case]:
    only = ["pk", "urn", "version", *[f.removesuffix("_id") for f in CASE_FIELDS]]
    return {case.urn: case for case in Case.objects.filter(urn__in=urns).only(*only)}


def _types_of(case_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    if not case_ids:
        return result
    through = Case.exploitation_types.through
    for case_id, code in through.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "exploitationtype__code"
    ):
        result.setdefault(case_id, []).append(code)
    return result


def _apply_details(case: Case, row: CaseRow, context: BulkContext) -> None:
    for name in CASE_FIELDS:
        setattr(case, name, row.values[name])
    if context.rules:
        values = {name: row.values[name] for name in CASE_FIELDS}
        _, reasons, unit = _recommendation(values, sorted(row.exploitation_codes), context)
        case.recommended_unit = unit
        case.recommendation_reasons = list(reasons)


def _insert_new(rows: list[CaseRow], actor_id: int | None, context: BulkContext) -> dict:
    """New cases skip the ORM's per-instance work: rows go in as tuples (executemany / COPY),
    then their ids are read back by URN (decision 0512)."""
    tuples = []
    for row in rows:
        codes = sorted(row.exploitation_codes)
        unit_id, reasons, _ = _recommendation(row.values, codes, context)
        tuples.append((row.urn, actor_id, *[row.values[f] for f in CASE_FIELDS], unit_id, reasons))
    columns = ["urn", "created_by_id", *CASE_FIELDS]
    columns += ["recommended_unit_id", "recommendation_reasons"]
    insert_rows(Case, columns, tuples)
    ids = ids_by(Case, "urn", [row.urn for row in rows])
    insert_rows(
        Case.exploitation_types.through,
        ["case_id", "exploitationtype_id"],
        [
            (ids[row.urn], context.type_ids[code])
            for row in rows
            for code in sorted(row.exploitation_codes)
        ],
    )
    on, details = today(), {"import": True}
    registered = CaseEvent.Kind.REGISTERED.value
    events = [(ids[row.urn], registered, on, actor_id, details) for row in rows]
    events += [
        (ids[row.urn], CaseEvent.Kind.POLICE_REFERRAL.value, referral, actor_id, details)
        for row in rows
        if (referral := row.values["referral_date"])
    ]
    insert_rows(CaseEvent, ["case_id", "kind", "occurred_on", "recorded_by_id", "details"], events)
    return ids


def _update_changed(
    changed: list[tuple[Case, tuple[str, ...], list[str]]],
    actor_id: int | None,
    context: BulkContext,
) -> None:
    through = Case.exploitation_types.through
    now = timezone.now()
    for case, codes, old_codes in changed:
        Case.objects.filter(pk=case.pk).update(
            version=F("version") + 1,
            updated_at=now,
            recommended_unit=case.recommended_unit,
            recommendation_reasons=case.recommendation_reasons,
            **{f: getattr(case, f) for f in CASE_FIELDS},
        )
        if list(codes) != old_codes:
            through.objects.filter(case_id=case.pk).delete()
            through.objects.bulk_create(
                [through(case_id=case.pk, exploitationtype_id=context.type_ids[c]) for c in codes]
            )
    on = today()
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case_id=case.pk,
                kind=CaseEvent.Kind.DETAILS_CHANGED,
                occurred_on=on,
                recorded_by_id=actor_id,
                details={"import": True},
            )
            for case, _, _ in changed
        ]
    )


def cases_bulk_milestones(
    *, actor: Any, rows: Sequence[tuple[str, dict[str, Any]]], source: str = "import"
) -> BulkResult:
    """Record milestones and outcomes of existing cases: (URN, {field: value}) per row, blank
    values ignored. The date order is checked against the case's other milestones and the
    status follows from the milestones (decision 0503). A case that does not exist or that the
    actor may not change is refused with the same answer, so another Area's cases do not leak.
    """
    actor_id = _require_actor(actor)
    for _urn, values in rows:
        unknown = set(values) - MILESTONE_FIELDS
        if unknown:
            raise ValueError(f"cases_bulk_milestones does not change {sorted(unknown)}")
    result = BulkResult()
    with transaction.atomic():
        cases = {c.urn: c for c in Case.objects.filter(urn__in=[urn for urn, _ in rows])}
        events, updates = [], []
        for urn, values in rows:
            case = cases.get(urn)
            if case is None or not access.may_act_on_area(actor, case.area_id):
                message = f"There is no case with URN {urn_display(urn)}. Import the case first."
                result.refused.append(Refusal(urn, message, "urn", urn))
                continue
            proposed = {name: value for name, value in values.items() if value not in (None, "")}
            problem = date_order_problem(case, proposed)
            if problem:
                result.refused.append(Refusal(urn, *problem))
                continue
            proposed["status"] = status_from_milestones(case, proposed)
            fields = {n: v for n, v in proposed.items() if getattr(case, n) != v}
            if not fields:
                result.unchanged += 1
                continue
            updates.append((case, fields))
            events += _milestone_events(case.pk, fields, actor_id)
        now = timezone.now()
        for case, fields in updates:
            Case.objects.filter(pk=case.pk).update(
                version=F("version") + 1, updated_at=now, **fields
            )
        CaseEvent.objects.bulk_create(events, batch_size=2000)
        result.updated = len(updates)
        if updates:
            pks = (case.pk for case, _ in updates)
            _audit_bulk(actor, Operation.ALTERATION, pks, source, len(updates))
    return result


def _milestone_events(case_id: int, fields: dict[str, Any], actor_id: int | None) -> list:
    return [
        CaseEvent(
            case_id=case_id,
            kind=kind,
            occurred_on=fields[name],
            recorded_by_id=actor_id,
            details={"import": True},
        )
        for name, kind in EVENT_FOR.items()
        if name in fields
    ]


def cases_bulk_touch(
    *,
    actor: Any,
    case_ids: Iterable[int],
    fields: dict[int, dict[str, Any]] | None = None,
) -> int:
    """Bump the version of every case whose records below it (suspects, charges) a bulk import
    changed, as the one-case services do, so a case page opened before cannot overwrite them;
    `fields` sets the principal offence of some. Cases the actor may not change are refused
    with PermissionError (the caller checked the rows; this is the door's second look)."""
    _require_actor(actor)
    fields = fields or {}
    for values in fields.values():
        unknown = set(values) - TOUCH_FIELDS
        if unknown:
            raise ValueError(f"cases_bulk_touch does not change {sorted(unknown)}")
    ids = sorted(set(case_ids) | set(fields))
    if not ids:
        return 0
    with transaction.atomic():
        areas: set[int] = set()
        for start in range(0, len(ids), _UPDATE_SLICE):
            chunk = ids[start : start + _UPDATE_SLICE]
            areas.update(Case.objects.filter(pk__in=chunk).values_list("area_id", flat=True))
        if not all(access.may_act_on_area(actor, area_id) for area_id in areas):
            raise PermissionError("A case of another Area cannot be changed by this actor.")
        now = timezone.now()
        plain = [pk for pk in ids if pk not in fields]
        for start in range(0, len(plain), _UPDATE_SLICE):
            Case.objects.filter(pk__in=plain[start : start + _UPDATE_SLICE]).update(
                version=F("version") + 1, updated_at=now
            )
        for pk, values in fields.items():
            Case.objects.filter(pk=pk).update(version=F("version") + 1, updated_at=now, **values)
        if fields:
            _audit_bulk(actor, Operation.ALTERATION, fields, "import", len(fields))
    return len(ids)
