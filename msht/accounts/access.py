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


# people: leads and deputies, legal enquiries, governance (msht.people) ---------------------------


def people_posts_q(user: Any, *, area_field: str = "area") -> Q:
    """The posts of the leads register a user may see: all of them, their Area's, or none."""
    if can(user, "people.view_all"):
        return Q()
    if can(user, "people.view") and user.area_id is not None:
        return Q(**{f"{area_field}_id": user.area_id})
    return NOTHING


def may_manage_posts(user: Any) -> bool:
    return can(user, "people.manage")


def sees_every_enquiry(user: Any) -> bool:
    """The legal adviser answers every enquiry and the national lead oversees them."""
    return can(user, "enquiry.answer") or can(user, "enquiry.oversee")


def enquiries_q(user: Any, *, asker_field: str = "asked_by") -> Q:
    """Legal enquiries a user may read: every one, or the ones they raised."""
    if sees_every_enquiry(user):
        return Q()
    if can(user, "enquiry.raise"):
        return Q(**{f"{asker_field}_id": user.pk})
    return NOTHING


def governance_area_q(user: Any, *, area_field: str = "area") -> Q:
    """Governance meetings a user sees because of their role: every one, or their Area's.

    People who attended a meeting or own one of its actions see it as well; the people
    selectors add that, since it is about the person and not their role.
    """
    if can(user, "governance.view_all"):
        return Q()
    if can(user, "governance.view") and user.area_id is not None:
        return Q(**{f"{area_field}_id": user.area_id})
    return NOTHING


def governance_recordable_areas_q(user: Any) -> Q:
    """The Areas a user may record governance meetings for (a Q over reference.Area)."""
    if not can(user, "governance.record"):
        return NOTHING
    if can(user, "governance.view_all"):
        return Q()
    if user.area_id is None:
        return NOTHING
    return Q(pk=user.area_id)


def may_record_national_meetings(user: Any) -> bool:
    """The national governance board belongs to no Area: national roles record it."""
    return can(user, "governance.record") and can(user, "governance.view_all")


def governance_people_q(area_id: int | None) -> Q:
    """The accounts offered as attendees and action owners of a meeting (a Q over User): the
    national roles that oversee this work, and the leads and performance managers of the
    meeting's Area (of every Area when none is given: a national recorder's choice)."""
    national = Q(role__in=roles_with("governance.view_all")) | Q(
        role__in=roles_with("enquiry.answer")
    )
    area_roles = Q(role__in=roles_with("governance.view"))
    if area_id is None:
        return national | area_roles
    return national | (area_roles & Q(area_id=area_id))
