"""Writes for performance insight: freezing packs and recording their release."""

import functools
import subprocess  # noqa: S404 - a fixed git command, no user input
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

import msht
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.reference.models import Area

from . import disclosure, periods
from .measures import Scope
from .models import FrozenPack
from .packs import AREA_PACK, NATIONAL_PACK, Pack, build_pack


@functools.cache
def code_version() -> str:
    """msht's version and, when the code is a git checkout, `git describe`."""
    version = msht.__version__
    try:
        described = subprocess.run(  # noqa: S603
            ["git", "describe", "--always", "--dirty", "--tags"],  # noqa: S607
            cwd=Path(msht.__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        described = ""
    return f"{version}+{described}" if described else version


def pack_params_check(
    *, kind: str, period_text: str, area_code: str = "", audience: str = disclosure.INTERNAL
) -> periods.MonthRange:
    """Validate a pack request; messages say what to change."""
    errors = {}
    if kind not in (AREA_PACK, NATIONAL_PACK):
        errors["kind"] = "Choose an Area pack or a national pack"
    try:
        period = periods.MonthRange.parse(period_text)
    except ValueError as error:
        errors["period"] = str(error)
        period = None
    if kind == AREA_PACK and not Area.objects.filter(code=area_code).exists():
        errors["area"] = f"There is no Area with the code '{area_code}'"
    if audience not in disclosure.AUDIENCES:
        errors["audience"] = "Choose internal, partner or public"
    if errors:
        raise ValidationError(errors)
    return period


def pack_build(
    *,
    kind: str,
    period_text: str,
    scope: Scope,
    audience: str = disclosure.INTERNAL,
    area_code: str = "",
    history_months: int | None = None,
    basis: str = "flag",
    registered_by: datetime | None = None,
) -> Pack:
    period = pack_params_check(
        kind=kind, period_text=period_text, area_code=area_code, audience=audience
    )
    return build_pack(
        kind=kind,
        period=period,
        scope=scope,
        audience=audience,
        area_code=area_code,
        history_months=history_months,
        basis=basis,
        registered_by=registered_by,
    )


def pack_freeze(*, actor: Any, pack: Pack) -> FrozenPack:
    """Keep a built pack's figures, as-at time, filters and code version."""
    with transaction.atomic():
        frozen = FrozenPack.objects.create(
            kind=pack.kind,
            title=pack.title,
            audience=pack.audience,
            area=Area.objects.filter(code=pack.params.get("area")).first()
            if pack.params.get("area")
            else None,
            params=pack.params,
            as_at=datetime.fromisoformat(pack.params["registered_by"]),
            code_version=code_version(),
            figures=pack.figures(),
            figures_sha256=pack.figures_digest(),
            built_at=datetime.fromisoformat(pack.built_at),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            actor=actor,
            operation=Operation.COLLECTION,
            object_type="frozen_pack",
            object_id=frozen.pk,
            detail={"kind": pack.kind, "audience": pack.audience, "tables": len(pack.tables)},
        )
    return frozen


def frozen_pack_as_pack(frozen: FrozenPack) -> Pack:
    return Pack.from_stored(
        kind=frozen.kind,
        title=frozen.title,
        audience=frozen.audience,
        params=frozen.params,
        figures=frozen.figures,
        built_at=frozen.built_at.isoformat(),
    )


def pack_rebuild(*, frozen: FrozenPack) -> Pack:
    """Build the pack again from its stored parameters (same as-at, filters, audience)."""
    params = frozen.params
    scope = Scope(everything=True, police_force_id=params.get("police_force_id"))
    return build_pack(
        kind=params["kind"],
        period=periods.MonthRange.parse(params["period"]),
        scope=scope,
        audience=params["audience"],
        area_code=params.get("area", ""),
        history_months=params["history_months"],
        basis=params.get("basis", "flag"),
        registered_by=datetime.fromisoformat(params["registered_by"]),
        unit=params.get("unit", ""),
        exploitation_type=params.get("exploitation_type", ""),
        offence=params.get("offence", ""),
    )


def pack_release_record(*, actor: Any, pack: Pack, file_format: str, recipient: str) -> None:
    """A pack leaving the service (download or export) is a disclosure with its recipient."""
    audit_record(
        actor=actor,
        operation=Operation.DISCLOSURE,
        object_type="performance_pack",
        object_id=pack.params.get("area") or "national",
        recipient=recipient,
        reason=f"{pack.kind} pack, {pack.audience} figures, {file_format}",
        detail={
            "kind": pack.kind,
            "audience": pack.audience,
            "period": pack.params.get("period"),
            "format": file_format,
            "digest": pack.figures_digest(),
        },
    )
