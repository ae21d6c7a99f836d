"""Who may see and do what. The one module every feature asks.

- `can(user, capability)`: may this user do this kind of thing at all?
- `case_scope(user)`: how much of the case register the user reaches.
- `scope_filter(user, area_field=..., assigned_field=...)`: a Q that limits any queryset of
  case-linked records to the user's scope; selectors such as `cases_visible_to` use it.
- `sees_identities(user)`: whether identifying fields may ever reach this user.
- `require(user, capability)` / `get_visible_or_404(queryset, **lookup)`: for views; a record out of
  scope and a missing record give the same 404, so a forbidden record looks like a missing one.
"""

from typing import TYPE_CHECKING, Any, cast

from django.db.models import Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from .models import User

from .roles import CAPABILITIES, CASE_SCOPES, NO_IDENTITY_ROLES, CaseScope, Role

NOTHING = Q(pk__in=[])


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can(user: Any, capability: str) -> bool:
    if not _active(user):
        return False
    return capability in CAPABILITIES.get(user.role, frozenset())


def case_scope(user: Any) -> str:
    if not _active(user):
        return CaseScope.NONE
    return CASE_SCOPES.get(user.role, CaseScope.NONE)


def scope_filter(user: Any, *, area_field: str = "area", assigned_field: str | None = None) -> Q:
    """A filter for records that belong to a case-like thing with an Area.

    `assigned_field` names the path to the users assigned to the record (for example a quality
    review's reviewer); it is needed for the ASSIGNED scope and refuses everything without it.
    """
    scope = case_scope(user)
    if scope == CaseScope.ALL:
        return Q()
    if scope == CaseScope.OWN_AREA:
        if user.area_id is None:
            return NOTHING
        return Q(**{f"{area_field}_id": user.area_id})
    if scope == CaseScope.ASSIGNED and assigned_field:
        return Q(**{assigned_field: user})
    return NOTHING


def sees_identities(user: Any) -> bool:
    """Identifying details are for the case team only, never for analysts or partners."""
    return (
        _active(user) and user.role not in NO_IDENTITY_ROLES and can(user, "victim.identity_view")
    )


def require(user: Any, capability: str) -> None:
    """Refuse with a 404 (not a 403) so a feature's existence does not leak either."""
    if not can(user, capability):
        _record_refusal(user, capability=capability)
        raise Http404


def get_visible_or_404(queryset: QuerySet, **lookup: Any):
    """Fetch from an already-scoped queryset; out of scope and missing are the same 404.

    The audit trail records a refusal when the record exists but is out of the user's scope.
    """
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as error:
        model = queryset.model
        try:
            exists = model._base_manager.filter(**lookup).exists()
        except (ValueError, TypeError):
            exists = False
        if exists:
            _record_refusal(
                None, object_type=model._meta.label_lower, object_id=lookup.get("pk", lookup)
            )
        raise Http404 from error


def _record_refusal(
    user: Any, *, capability: str = "", object_type: str = "", object_id: Any = ""
) -> None:
    from msht.audit.context import current_actor
    from msht.audit.models import Operation
    from msht.audit.services import audit_record

    audit_record(
        actor=user if user is not None else current_actor(),
        operation=Operation.REFUSAL,
        object_type=object_type,
        object_id=object_id if not isinstance(object_id, dict) else "",
        detail={"capability": capability} if capability else {},
    )


def roles_with(capability: str) -> list[str]:
    return [role for role, caps in CAPABILITIES.items() if capability in caps]


def all_roles() -> list[str]:
    return list(Role.values)


def request_user(request: Any) -> "User":
    """The signed-in user of a request (the sign-in middleware guarantees there is one)."""
    return cast("User", request.user)


def passed_second_factor(user: Any) -> bool:
    """True once the user has passed the second factor in this session (django-otp)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


# advice ------------------------------------------------------------------------------------
# Early investigative advice: a police partner (or its force's API key) reaches its own force's
# requests only; CPS staff reach the requests of the Areas their case scope covers.


def advice_requests_q(user: Any, *, prefix: str = "") -> Q:
    """Which early investigative advice requests (and their packs) a user may see."""
    if not can(user, "advice.view"):
        return NOTHING
    if user.role == Role.POLICE_PARTNER:
        force_id = getattr(user, "police_force_id", None)
        return Q(**{f"{prefix}police_force_id": force_id}) if force_id else NOTHING
    scope = case_scope(user)
    if scope == CaseScope.ALL:
        return Q()
    if scope == CaseScope.OWN_AREA and user.area_id is not None:
        return Q(**{f"{prefix}area_id": user.area_id})
    return NOTHING


def advice_sight_is_disclosure(user: Any) -> bool:
    """Police seeing advice is a disclosure to their force, not an internal consultation."""
    return _active(user) and user.role == Role.POLICE_PARTNER


def advice_may_triage(user: Any, area_id: int | None) -> bool:
    """Accepting, allocating and declining: whoever holds case.allocate for the Area."""
    if not can(user, "case.allocate") or area_id is None:
        return False
    scope = case_scope(user)
    return scope == CaseScope.ALL or (scope == CaseScope.OWN_AREA and user.area_id == area_id)


def advice_may_give(user: Any, lawyer_id: int | None, area_id: int | None) -> bool:
    """Recording the advice: the allocated lawyer, or whoever may triage the request."""
    if advice_may_triage(user, area_id):
        return True
    return can(user, "case.edit") and lawyer_id is not None and user.pk == lawyer_id


def advice_lawyers_q(area_id: int | None) -> Q:
    """Lawyers a request may be allocated to: active prosecutors and unit heads of its Area."""
    if area_id is None:
        return NOTHING
    return Q(is_active=True, role__in=[Role.PROSECUTOR, Role.UNIT_HEAD], area_id=area_id)


def advice_may_link_case(user: Any, area_id: int | None) -> bool:
    """Linking a request to its case (or registering the case): case editors of the Area."""
    if not can(user, "case.edit") or area_id is None:
        return False
    scope = case_scope(user)
    return scope == CaseScope.ALL or (scope == CaseScope.OWN_AREA and user.area_id == area_id)


def police_return_force_allowed(user: Any, force_area_id: int | None) -> bool:
    """An importer reaches the police returns of forces in their scope (no actor: the system)."""
    if user is None:
        return True
    scope = case_scope(user)
    return scope == CaseScope.ALL or (
        scope == CaseScope.OWN_AREA and force_area_id is not None and user.area_id == force_area_id
    )


def joint_packs_q(user: Any) -> Q:
    """Per-force joint packs: the force's partner once shared; the Area's staff always."""
    if not can(user, "advice.view"):
        return NOTHING
    if user.role == Role.POLICE_PARTNER:
        return advice_requests_q(user) & Q(shared_at__isnull=False)
    if not (can(user, "performance.partner") or can(user, "case.allocate")):
        return NOTHING
    return advice_requests_q(user)


def joint_pack_may_review(user: Any, area_id: int | None) -> bool:
    """Building, reviewing and sharing a force's joint pack: the Area's unit head or
    performance manager (or a national role)."""
    if user is None or not _active(user) or user.role == Role.POLICE_PARTNER:
        return False
    if not (can(user, "performance.partner") or can(user, "case.allocate")):
        return False
    scope = case_scope(user)
    return scope == CaseScope.ALL or (scope == CaseScope.OWN_AREA and user.area_id == area_id)
