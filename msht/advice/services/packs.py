"""Per-force joint packs: built in the background through the insight pack machinery at
partner level, reviewed by the Area by a deadline, then shared with the force (a disclosure)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msht.accounts import access
from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.insight import disclosure, periods
from msht.insight.measures import Filters, Scope
from msht.insight.packs import AREA_PACK, Pack, _funnel_table, build_pack, funnel
from msht.insight.services import frozen_pack_as_pack, pack_freeze
from msht.reference.dates import add_working_days, today
from msht.reference.models import PoliceForce

from ..models import JointPack
from .requests import AdviceRefused

REVIEW_WORKING_DAYS = 5
JOINT_PACK = "force"


def _audit(actor: Any, operation: str, pack: JointPack, *, recipient: str = "", **detail) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        object_type="joint_pack",
        object_id=pack.pk,
        recipient=recipient,
        detail={"force": pack.police_force.code, "month": f"{pack.month:%Y-%m}", **detail},
    )


def joint_pack_request(*, actor: Any, police_force: PoliceForce | None, month: date | None):
    """Queue a build of a force's pack for a month; the worker builds it (`msht db_worker`)."""
    errors = {}
    if police_force is None:
        errors["police_force"] = "Select the police force"
    if month is None:
        errors["month"] = "Select the month the pack covers"
    elif month > today():
        errors["month"] = "The month must be this month or earlier"
    if errors:
        raise ValidationError(errors)
    assert police_force is not None and month is not None  # checked above
    if police_force.area_id is None or not access.joint_pack_may_review(
        actor, police_force.area_id
    ):
        raise AdviceRefused
    with transaction.atomic():
        pack = JointPack.objects.create(
            police_force=police_force,
            area_id=police_force.area_id,
            month=month.replace(day=1),
            created_by=actor,
        )
        _audit(actor, Operation.COLLECTION, pack, action="requested")
        transaction.on_commit(lambda: _enqueue(pack.pk))
    return pack


def _enqueue(pack_id: int) -> None:
    from ..tasks import build_joint_pack

    build_joint_pack.enqueue(pack_id)


def build_force_pack(police_force: PoliceForce, month: date) -> Pack:
    """A force's pack: the Area pack's tables for the force's cases (referrals, charging
    decisions, outcomes, victims' special measures, early advice) at partner level, with the
    joint funnel (police returns, NRM, CPS) for the force."""
    index = periods.month_index(month)
    period = periods.MonthRange(index, index)
    scope = Scope(everything=True, police_force_id=police_force.pk)
    area_code = police_force.area.code if police_force.area else ""
    pack = build_pack(
        kind=AREA_PACK,
        period=period,
        scope=scope,
        audience=disclosure.PARTNER,
        area_code=area_code,
        registered_by=timezone.now(),
    )
    trend = periods.MonthRange(index - 11, index)
    data = funnel(
        scope,
        Filters(start=trend.start_date, end=trend.end_date, area=area_code),
        audience=disclosure.PARTNER,
    )
    pack.tables.append(_funnel_table(data, len(pack.tables) + 1))
    pack.kind = JOINT_PACK
    pack.title = f"{police_force.name}: joint modern slavery pack, {period.describe()}"
    pack.params["police_force"] = police_force.code
    return pack


def joint_pack_build(*, pack: JointPack) -> JointPack:
    """The background build: freeze the figures (with their digest) and set the deadline."""
    JointPack.objects.filter(pk=pack.pk).update(status=JointPack.Status.BUILDING)
    try:
        built = build_force_pack(pack.police_force, pack.month)
        with transaction.atomic():
            frozen = pack_freeze(actor=pack.created_by, pack=built)
            pack.frozen = frozen
            pack.status = JointPack.Status.READY
            pack.built_at = timezone.now()
            pack.review_by = add_working_days(today(), REVIEW_WORKING_DAYS)
            pack.message = ""
            pack.save()
    except Exception as error:  # the page must say the build stopped, not hang
        JointPack.objects.filter(pk=pack.pk).update(
            status=JointPack.Status.FAILED, message=f"The pack could not be built ({error})"[:500]
        )
        raise
    return pack


def joint_pack_share(*, actor: Any, pack: JointPack) -> JointPack:
    """The Area has reviewed the pack: share it with the force (a disclosure)."""
    if not access.joint_pack_may_review(actor, pack.area_id):
        raise AdviceRefused
    with transaction.atomic():
        updated = JointPack.objects.filter(pk=pack.pk, status=JointPack.Status.READY).update(
            status=JointPack.Status.SHARED, shared_at=timezone.now(), shared_by=actor
        )
        if not updated:
            raise ValidationError("Only a pack that is ready for review can be shared")
        _audit(actor, Operation.DISCLOSURE, pack, recipient=pack.police_force.name, action="shared")
    pack.refresh_from_db()
    return pack


def joint_pack_download_record(*, actor: Any, pack: JointPack, file_format: str) -> Pack:
    """Reading or downloading a pack: a disclosure to the force when police read it."""
    if pack.frozen is None:
        raise ValidationError("The pack has not been built yet")
    with transaction.atomic():
        if access.advice_sight_is_disclosure(actor):
            _audit(
                actor,
                Operation.DISCLOSURE,
                pack,
                recipient=pack.police_force.name,
                format=file_format,
                digest=pack.frozen.figures_sha256,
            )
        else:
            _audit(actor, Operation.CONSULTATION, pack, format=file_format)
    return frozen_pack_as_pack(pack.frozen)
