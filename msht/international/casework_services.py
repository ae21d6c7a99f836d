"""Writes for international casework: mutual legal assistance requests, extradition requests
and joint investigation teams, each linked to one or more cases; and turning an MLA or JIT
record into a draft hub item that keeps the link.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.cases.models import Case
from msht.reference.models import Nationality

from .models import (
    EXTRADITION_CONCLUDED,
    MLA_CONCLUDED,
    Direction,
    Extradition,
    ExtraditionStatus,
    Jit,
    MlaRequest,
    MlaStatus,
)
from .validation import (
    CONFLICT_MESSAGE,
    InternationalPermissionDenied,
    choice,
    dates_in_order,
    money,
    raise_if,
    text,
)


def _require_edit(actor: Any) -> None:
    if not access.international_may_edit(actor):
        raise InternationalPermissionDenied


def cases_for_urns(actor: Any, case_urns: Iterable[str], errors: dict) -> list[Case]:
    """The cases the actor may link with these URNs. A URN that does not exist and one out of
    the actor's reach get the same message, so the answer reveals nothing."""
    from msht.cases.urn import urn_display, urn_normalise

    wanted = list(dict.fromkeys(urn_normalise(u) for u in case_urns if u and u.strip()))
    if not wanted:
        errors["case_urns"] = "Enter the URN of at least one case"
        return []
    found = {
        case.urn: case
        for case in Case.objects.filter(access.international_link_reach_q(actor), urn__in=wanted)
    }
    missing = [urn for urn in wanted if urn not in found]
    if missing:
        shown = ", ".join(urn_display(urn) for urn in missing[:5])
        errors["case_urns"] = (
            f"No case with an international element that you can link has the URN {shown}"
        )
        return []
    return [found[urn] for urn in wanted]


def _bump(model: type[Model], record: Model, expected_version: int, fields: dict) -> None:
    updated = model._default_manager.filter(pk=record.pk, version=expected_version).update(
        version=F("version") + 1, **fields
    )
    if not updated:
        raise ValidationError({"version": CONFLICT_MESSAGE})


# --- Mutual legal assistance ----------------------------------------------------------------


def _mla_fields(
    *,
    direction: str,
    country: Nationality | None,
    sent_on: date | None,
    asked: str,
    status: str,
    concluded_on: date | None,
    errors: dict,
) -> dict:
    choice(
        direction,
        Direction.values,
        field="direction",
        message="Select whether the request is outgoing or incoming",
        errors=errors,
    )
    if country is None:
        errors["country"] = "Select the country"
    if sent_on is None:
        errors["sent_on"] = "Enter the date the request was sent"
    asked = text(asked, field="asked", label="What is asked", errors=errors, limit=2000)
    choice(status, MlaStatus.values, field="status", message="Select the status", errors=errors)
    if status in MLA_CONCLUDED and concluded_on is None:
        errors["concluded_on"] = "Enter the date the request was executed, refused or withdrawn"
    if status not in MLA_CONCLUDED and concluded_on is not None:
        errors["concluded_on"] = (
            "Leave the date concluded empty until the request is executed, refused or withdrawn"
        )
    dates_in_order(
        sent_on,
        concluded_on,
        field="concluded_on",
        message="Date concluded must be on or after the date sent",
        errors=errors,
    )
    return {
        "direction": direction,
        "country": country,
        "sent_on": sent_on,
        "asked": asked,
        "status": status,
        "concluded_on": concluded_on,
    }


def mla_request_record(
    *,
    actor: Any,
    case_urns: Iterable[str],
    direction: str,
    country: Nationality | None,
    sent_on: date | None,
    asked: str,
    status: str = MlaStatus.SENT,
    concluded_on: date | None = None,
) -> MlaRequest:
    _require_edit(actor)
    errors: dict[str, str] = {}
    fields = _mla_fields(
        direction=direction,
        country=country,
        sent_on=sent_on,
        asked=asked,
        status=status,
        concluded_on=concluded_on,
        errors=errors,
    )
    cases = cases_for_urns(actor, case_urns, errors)
    raise_if(errors)
    with transaction.atomic():
        request = MlaRequest.objects.create(**fields, created_by=actor, created_at=timezone.now())
        request.cases.set(cases)
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="mla_request",
            object_id=request.pk,
            detail={
                "cases": [c.pk for c in cases],
                "country": getattr(country, "code", ""),
                "status": status,
            },
        )
    return request


def mla_request_update(
    *,
    actor: Any,
    request: MlaRequest,
    expected_version: int,
    status: str,
    concluded_on: date | None,
    asked: str,
) -> MlaRequest:
    _require_edit(actor)
    errors: dict[str, str] = {}
    fields = _mla_fields(
        direction=request.direction,
        country=request.country,
        sent_on=request.sent_on,
        asked=asked,
        status=status,
        concluded_on=concluded_on,
        errors=errors,
    )
    raise_if(errors)
    changed = {k: fields[k] for k in ("status", "concluded_on", "asked")}
    with transaction.atomic():
        _bump(MlaRequest, request, expected_version, changed)
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type="mla_request",
            object_id=request.pk,
            detail={"status": status},
        )
    request.refresh_from_db()
    return request


# --- Extradition ----------------------------------------------------------------------------


def _extradition_fields(
    *, direction, country, requested_on, status, concluded_on, notes, errors
) -> dict:
    choice(
        direction,
        Direction.values,
        field="direction",
        message="Select whether the request is outgoing or incoming",
        errors=errors,
    )
    if country is None:
        errors["country"] = "Select the country"
    if requested_on is None:
        errors["requested_on"] = "Enter the date of the request"
    choice(
        status, ExtraditionStatus.values, field="status", message="Select the status", errors=errors
    )
    if status in EXTRADITION_CONCLUDED and concluded_on is None:
        errors["concluded_on"] = "Enter the date of the surrender, refusal or withdrawal"
    if status not in EXTRADITION_CONCLUDED and concluded_on is not None:
        errors["concluded_on"] = "Leave the date concluded empty until the request is concluded"
    dates_in_order(
        requested_on,
        concluded_on,
        field="concluded_on",
        message="Date concluded must be on or after the date of the request",
        errors=errors,
    )
    notes = text(notes, field="notes", label="Notes", errors=errors, limit=2000, required=False)
    return {
        "direction": direction,
        "country": country,
        "requested_on": requested_on,
        "status": status,
        "concluded_on": concluded_on,
        "notes": notes,
    }


def extradition_record(
    *,
    actor: Any,
    case_urns: Iterable[str],
    direction: str,
    country: Nationality | None,
    requested_on: date | None,
    status: str = ExtraditionStatus.REQUESTED,
    concluded_on: date | None = None,
    notes: str = "",
) -> Extradition:
    _require_edit(actor)
    errors: dict[str, str] = {}
    fields = _extradition_fields(
        direction=direction,
        country=country,
        requested_on=requested_on,
        status=status,
        concluded_on=concluded_on,
        notes=notes,
        errors=errors,
    )
    cases = cases_for_urns(actor, case_urns, errors)
    raise_if(errors)
    with transaction.atomic():
        record = Extradition.objects.create(**fields, created_by=actor, created_at=timezone.now())
        record.cases.set(cases)
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="extradition",
            object_id=record.pk,
            detail={
                "cases": [c.pk for c in cases],
                "country": getattr(country, "code", ""),
                "status": status,
            },
        )
    return record


def extradition_update(
    *,
    actor: Any,
    record: Extradition,
    expected_version: int,
    status: str,
    concluded_on: date | None,
    notes: str,
) -> Extradition:
    _require_edit(actor)
    errors: dict[str, str] = {}
    fields = _extradition_fields(
        direction=record.direction,
        country=record.country,
        requested_on=record.requested_on,
        status=status,
        concluded_on=concluded_on,
        notes=notes,
        errors=errors,
    )
    raise_if(errors)
    with transaction.atomic():
        _bump(
            Extradition,
            record,
            expected_version,
            {k: fields[k] for k in ("status", "concluded_on", "notes")},
        )
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type="extradition",
            object_id=record.pk,
            detail={"status": status},
        )
    record.refresh_from_db()
    return record


# --- Joint investigation teams --------------------------------------------------------------


def _jit_fields(
    *, name, partner_countries, agency, eurojust_funding, started_on, ended_on, errors
) -> dict:
    name = text(name, field="name", label="Name of the team", errors=errors, limit=200)
    if not partner_countries:
        errors["partner_countries"] = "Select at least one partner country"
    agency = text(agency, field="agency", label="Lead agency", errors=errors, limit=200)
    funding = money(
        eurojust_funding,
        field="eurojust_funding",
        label="Eurojust funding",
        errors=errors,
        required=False,
    )
    if started_on is None:
        errors["started_on"] = "Enter the date the team started"
    dates_in_order(
        started_on,
        ended_on,
        field="ended_on",
        message="End date must be on or after the start date",
        errors=errors,
    )
    return {
        "name": name,
        "agency": agency,
        "eurojust_funding": funding,
        "started_on": started_on,
        "ended_on": ended_on,
    }


def jit_record(
    *,
    actor: Any,
    case_urns: Iterable[str],
    name: str,
    partner_countries: list[Nationality],
    agency: str,
    eurojust_funding: Decimal | str | None,
    started_on: date | None,
    ended_on: date | None = None,
) -> Jit:
    _require_edit(actor)
    errors: dict[str, str] = {}
    fields = _jit_fields(
        name=name,
        partner_countries=partner_countries,
        agency=agency,
        eurojust_funding=eurojust_funding,
        started_on=started_on,
        ended_on=ended_on,
        errors=errors,
    )
    cases = cases_for_urns(actor, case_urns, errors)
    raise_if(errors)
    with transaction.atomic():
        jit = Jit.objects.create(**fields, created_by=actor, created_at=timezone.now())
        jit.partner_countries.set(partner_countries)
        jit.cases.set(cases)
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="jit",
            object_id=jit.pk,
            detail={
                "cases": [c.pk for c in cases],
                "partners": sorted(c.code for c in partner_countries),
            },
        )
    return jit


def jit_update(
    *,
    actor: Any,
    jit: Jit,
    expected_version: int,
    name: str,
    partner_countries: list[Nationality],
    agency: str,
    eurojust_funding: Decimal | str | None,
    started_on: date | None,
    ended_on: date | None,
) -> Jit:
    _require_edit(actor)
    errors: dict[str, str] = {}
    fields = _jit_fields(
        name=name,
        partner_countries=partner_countries,
        agency=agency,
        eurojust_funding=eurojust_funding,
        started_on=started_on,
        ended_on=ended_on,
        errors=errors,
    )
    raise_if(errors)
    with transaction.atomic():
        _bump(Jit, jit, expected_version, fields)
        jit.partner_countries.set(partner_countries)
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type="jit",
            object_id=jit.pk,
            detail={"fields": sorted(fields)},
        )
    jit.refresh_from_db()
    return jit


# --- Learning -------------------------------------------------------------------------------


def learning_draft(*, actor: Any, record: MlaRequest | Jit) -> Any:
    """A draft hub item (the hub's JIT learning kind) from an MLA or JIT record, linked both
    ways: the record keeps the item, and the item links the cases the actor may see.

    The caller has already checked the actor may see the record. Drafting twice returns the
    item already drafted.
    """
    from msht.cases.selectors import cases_visible_to
    from msht.hub.models import Kind
    from msht.hub.services import item_create

    if not access.can(actor, Capability.HUB_WRITE):
        raise InternationalPermissionDenied
    if record.hub_item_id:
        return record.hub_item
    visible = cases_visible_to(actor).filter(pk__in=record.cases.values("pk"))
    urns = list(visible.values_list("urn", flat=True))
    if isinstance(record, Jit):
        partners = ", ".join(c.name for c in record.partner_countries.all())
        title = f"Joint investigation team learning: {record.name}"[:200]
        summary = f"What we learned from the joint investigation team with {partners}."
        body = (
            f"## The team\n\nPartners: {partners}. Lead agency: {record.agency}. "
            f"Started {record.started_on.day} {record.started_on:%B %Y}.\n\n"
            "## What worked\n\n(Write what worked.)\n\n## What we would do differently\n\n"
            "(Write what to change.)\n"
        )
        object_type = "jit"
    else:
        title = f"Mutual legal assistance learning: {record.country.name}"[:200]
        summary = (
            f"What we learned from a {record.get_direction_display().split(' (')[0].lower()} "
            f"request for mutual legal assistance with {record.country.name}."
        )
        body = (
            f"## The request\n\n{record.asked}\n\nSent {record.sent_on.day} "
            f"{record.sent_on:%B %Y}; status: {record.get_status_display().lower()}.\n\n"
            "## What worked\n\n(Write what worked.)\n\n## What we would do differently\n\n"
            "(Write what to change.)\n"
        )
        object_type = "mla_request"
    with transaction.atomic():
        item = item_create(
            actor=actor, kind=Kind.JIT, title=title, summary=summary, body=body, case_urns=urns
        )
        type(record)._default_manager.filter(pk=record.pk).update(hub_item=item)
        record.hub_item = item
        audit_record(
            actor=actor,
            operation=Operation.ALTERATION,
            object_type=object_type,
            object_id=record.pk,
            detail={"hub_item": item.pk},
        )
    return item
