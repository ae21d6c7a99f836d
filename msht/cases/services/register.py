"""The register: registering a case, changing its details, recording consultations."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from msht.audit.models import Operation
from msht.reference.dates import today as _today
from msht.reference.models import (
    Area,
    ExploitationType,
    PoliceForce,
)

from ..models import (
    Case,
    CaseEvent,
)
from ..rules import (
    check_counts,
    check_not_future,
)
from ..urn import urn_display, urn_parse
from .allocation import recommendation_fields
from .common import (
    audit,
    event_add,
    lock_case,
    save_case,
)

CASE_DETAIL_FIELDS = (
    "operation_name",
    "international",
    "organised_crime_group",
    "joint_investigation_team",
    "child_victim",
    "county_lines",
    "victim_count",
    "suspect_count",
)


def case_create(
    *,
    actor: Any,
    urn: str,
    area: Area | None = None,
    police_force: PoliceForce | None = None,
    operation_name: str = "",
    exploitation_types: Iterable[ExploitationType] = (),
    international: bool = False,
    organised_crime_group: bool = False,
    joint_investigation_team: bool = False,
    child_victim: bool = False,
    county_lines: bool = False,
    victim_count: int = 0,
    suspect_count: int = 0,
    referral_date: date | None = None,
) -> Case:
    forces = {f.code: f for f in PoliceForce.objects.select_related("area")}
    try:
        parsed = urn_parse(urn, force_codes=set(forces))
    except ValidationError as error:
        raise ValidationError({"urn": error.messages}) from error
    urn_text = str(parsed)
    urn_force = forces[parsed.force]
    if police_force is None:
        police_force = urn_force
    elif police_force.pk != urn_force.pk:
        raise ValidationError(
            {
                "police_force": (
                    f"The URN starts with {parsed.force} ({urn_force.name}), so the police "
                    f"force must be {urn_force.name}, not {police_force.name}"
                )
            }
        )
    area = area or police_force.area
    if area is None:
        raise ValidationError({"area": "Choose the Area that will handle the case"})
    check_counts(victim_count, suspect_count)
    urn_clash_check(actor=actor, urn=urn_text)
    types = list(exploitation_types)
    case = Case(
        urn=urn_text,
        area=area,
        police_force=police_force,
        operation_name=operation_name.strip(),
        international=international,
        organised_crime_group=organised_crime_group,
        joint_investigation_team=joint_investigation_team,
        child_victim=child_victim,
        county_lines=county_lines,
        victim_count=victim_count,
        suspect_count=suspect_count,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if referral_date:
        check_not_future(referral_date, "referral_date", "referral_date")
        case.referral_date = referral_date
    for name, value in recommendation_fields(case, [t.code for t in types]).items():
        setattr(case, name, value)
    try:
        with transaction.atomic():
            case.save()
            case.exploitation_types.set(types)
            event_add(case, CaseEvent.Kind.REGISTERED, _today(), actor)
            if referral_date:
                event_add(case, CaseEvent.Kind.POLICE_REFERRAL, referral_date, actor)
            audit(actor, Operation.COLLECTION, "case", case.pk, area=area.code)
    except IntegrityError as error:  # two registrations of one URN at the same moment
        urn_clash_check(actor=actor, urn=urn_text)
        raise ValidationError({"urn": urn_clash_message(urn_text, visible=False)}) from error
    return case


def urn_clash_message(urn: str, *, visible: bool) -> str:
    """What the person registering a URN that is taken reads (docs/decisions/0105)."""
    if visible:
        return f"A case with URN {urn_display(urn)} already exists"
    return (
        f"The URN {urn_display(urn)} cannot be registered here. Ask your unit head to check "
        "it with the national policy lead, who can see cases in every Area"
    )


def urn_clash_check(*, actor: Any, urn: str) -> None:
    """Refuse a URN that is already registered, without confirming a case the actor may not
    see: no Area, status or link for those, the attempt recorded in the audit trail as a
    refusal (whoever reads the trail can resolve the clash), and the route to resolve it."""
    existing = Case.objects.filter(urn=urn).values_list("pk", flat=True).first()
    if existing is None:
        return
    from ..selectors import cases_visible_to

    visible = cases_visible_to(actor).filter(pk=existing).exists()
    if not visible:
        with transaction.atomic():
            audit(actor, Operation.REFUSAL, "case", existing, action="register", urn_clash=True)
    raise ValidationError({"urn": urn_clash_message(urn, visible=visible)})


def case_update(
    *,
    actor: Any,
    case: Case,
    expected_version: int | None,
    exploitation_types: Iterable[ExploitationType] | None = None,
    **details: Any,
) -> Case:
    """Change the case's details (not its milestones). Unknown fields are refused."""
    unknown = set(details) - set(CASE_DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"case_update does not change {sorted(unknown)}")
    with transaction.atomic():
        current = lock_case(case, expected_version)
        fields = {name: value for name, value in details.items() if getattr(current, name) != value}
        if "operation_name" in fields:
            fields["operation_name"] = fields["operation_name"].strip()
        check_counts(
            details.get("victim_count", current.victim_count),
            details.get("suspect_count", current.suspect_count),
        )
        types = list(exploitation_types) if exploitation_types is not None else None
        for name, value in fields.items():
            setattr(current, name, value)
        codes = [t.code for t in types] if types is not None else None
        fields.update(recommendation_fields(current, codes))
        save_case(current, fields)
        if types is not None:
            current.exploitation_types.set(types)
        changed = sorted(set(fields) - {"recommended_unit", "recommendation_reasons"})
        event_add(current, CaseEvent.Kind.DETAILS_CHANGED, _today(), actor, fields=changed)
        audit(actor, Operation.ALTERATION, "case", current.pk, fields=changed)
    return current


def case_view_record(*, actor: Any, case: Case, page: str = "summary") -> None:
    """Viewing a case page is a consultation of personal data (DPA 2018 s62)."""
    with transaction.atomic():
        audit(actor, Operation.CONSULTATION, "case", case.pk, page=page)


LIST_AUDIT_IDS = 100  # ids listed in one consultation row of a list (a page shows 25)


def case_list_view_record(
    *, actor: Any, filters: dict[str, str], ids: Iterable[int], page: int = 1
) -> None:
    """Viewing the case list is a consultation too: one row per request with the filters and
    the ids shown (bounded), DPA 2018 s62."""
    shown = list(ids)
    # audit() is one atomic append: no outer transaction, so the list pays two queries less.
    audit(
        actor,
        Operation.CONSULTATION,
        "case_list",
        "",
        filters=dict(filters),
        ids=shown[:LIST_AUDIT_IDS],
        shown=len(shown),
        page=page,
    )
