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


# --- cases -----------------------------------------------------------------------------------
# The case register's scope questions. Nothing outside this module reads roles or compares
# Areas to decide who may see or do something with a case.


class SystemActor:
    """The service itself, for commands an operator runs on purpose (an import from the command
    line, a data repair). Only code that means it passes `SYSTEM`; a missing actor (`None`) is
    refused by every predicate below."""

    pk = None
    is_authenticated = False
    is_active = True
    email = ""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()

# The path from a Case to the users assigned to it (quality reviewers, CaseScope.ASSIGNED).
# Access owns the relation path so the case selectors need no string import of another app;
# `tests/accounts/test_access_cases.py` checks that the path resolves to real relations.
CASE_ASSIGNED_PATH = "quality_assessments__reviewer"

# Who may give advice on, or be allocated as the lawyer of, a case (CPS Direct in any Area).
LAWYER_ROLES = frozenset({Role.PROSECUTOR, Role.UNIT_HEAD, Role.CPS_DIRECT})
_AREA_LAWYER_ROLES = frozenset({Role.PROSECUTOR, Role.UNIT_HEAD})


def is_system(actor: Any) -> bool:
    return actor is SYSTEM


def case_scope_q(user: Any, *, prefix: str = "") -> Q:
    """The case visibility rule as a Q over `<prefix>` (a path to a Case, like "case__")."""
    if case_scope(user) == CaseScope.ASSIGNED:
        from django.apps import apps

        case_model = apps.get_model("cases", "Case")
        # Through a subquery: a multi-valued assignment path must not duplicate rows.
        ids = case_model.objects.filter(
            scope_filter(user, assigned_field=CASE_ASSIGNED_PATH)
        ).values("pk")
        return Q(**{f"{prefix}pk__in": ids})
    return scope_filter(user, area_field=f"{prefix}area")


def may_act_on_area(actor: Any, area_id: int | None) -> bool:
    """May this actor create or change case records of this Area (imports, registration)?

    The system may; a missing actor may not; otherwise all-cases roles anywhere and own-Area
    roles in their own Area."""
    if is_system(actor):
        return True
    scope = case_scope(actor)
    if scope == CaseScope.ALL:
        return True
    return bool(scope == CaseScope.OWN_AREA and area_id is not None and actor.area_id == area_id)


def is_lawyer(user: Any) -> bool:
    """Is this user a lawyer (who may have given advice on a case)?"""
    return user is not None and getattr(user, "role", None) in LAWYER_ROLES


def may_be_case_lawyer(user: Any, *, area_id: int | None) -> bool:
    """May this user be allocated as the lawyer of a case of this Area?"""
    if not (_active(user) and is_lawyer(user)):
        return False
    return user.role == Role.CPS_DIRECT or (area_id is not None and user.area_id == area_id)


def may_be_case_paralegal(user: Any, *, area_id: int | None) -> bool:
    """May this user be allocated as the paralegal of a case of this Area?"""
    return bool(
        _active(user)
        and user.role == Role.PARALEGAL
        and area_id is not None
        and user.area_id == area_id
    )


def allocation_lawyers_q(area_id: int | None) -> Q:
    """Users the allocation form offers as the lawyer: the Area's prosecutors and unit heads."""
    return Q(is_active=True, area_id=area_id, role__in=list(_AREA_LAWYER_ROLES))


def allocation_paralegals_q(area_id: int | None) -> Q:
    return Q(is_active=True, area_id=area_id, role=Role.PARALEGAL)


def advice_lawyers_q(area_id: int | None) -> Q:
    """Users who may have given early advice: the Area's lawyers and any CPS Direct lawyer."""
    return Q(is_active=True, area_id=area_id, role__in=list(LAWYER_ROLES)) | Q(
        is_active=True, role=Role.CPS_DIRECT
    )


# quality, audit, victims ------------------------------------------------------------------------
# Predicates for the quality, audit, victims, insight and hub apps. Nothing outside this module
# compares roles, Areas or case scopes (tests/architecture/test_one_door.py).


def sees_all_areas(user: Any) -> bool:
    """The user's case scope spans every Area (national roles and CPS Direct)."""
    return case_scope(user) == CaseScope.ALL


def sees_only_assigned(user: Any) -> bool:
    """The user sees only what they are assigned to (quality reviewers)."""
    return case_scope(user) == CaseScope.ASSIGNED


def own_area_id(user: Any) -> int | None:
    """The Area an active user works in, or None (national roles, partners, inactive users)."""
    return user.area_id if _active(user) else None


def in_own_area(user: Any, area_id: Any) -> bool:
    """The Area is the one the user works in."""
    own = own_area_id(user)
    return own is not None and own == area_id


def reaches_area(user: Any, area_id: Any) -> bool:
    """The user's case scope reaches the cases of this Area: all Areas, or their own."""
    scope = case_scope(user)
    return scope == CaseScope.ALL or (scope == CaseScope.OWN_AREA and in_own_area(user, area_id))


def confined_to_another_area(user: Any, area_id: Any) -> bool:
    """The user's scope is their own Area and this is another (they cannot see its cases)."""
    return case_scope(user) == CaseScope.OWN_AREA and not in_own_area(user, area_id)


def own_area_q(user: Any, *, area_field: str = "area") -> Q:
    """Records of the user's own Area; nothing for a user without one."""
    own = own_area_id(user)
    return NOTHING if own is None else Q(**{f"{area_field}_id": own})


def quality_reviewer_may_take(reviewer: Any, area_id: Any) -> bool:
    """A reviewer must be able to see the case once assigned: national reviewers always do."""
    if not (_active(reviewer) and can(reviewer, "quality.review")):
        return False
    scope = case_scope(reviewer)
    return scope in (CaseScope.ASSIGNED, CaseScope.ALL) or (
        scope == CaseScope.OWN_AREA and in_own_area(reviewer, area_id)
    )


def quality_manages_area(user: Any, area_id: Any) -> bool:
    """The user signs off quality assessments and draws samples for this Area."""
    return can(user, "quality.sign_off") and reaches_area(user, area_id)


def quality_reviewers_q(area_id: Any) -> Q:
    """People offered as reviewers of a case of this Area: national reviewers and its unit heads."""
    return Q(role=Role.QUALITY_REVIEWER) | Q(role=Role.UNIT_HEAD, area_id=area_id)


def area_casework_staff_q(area_id: Any) -> Q:
    """The Area's case team (lawyers, paralegals, unit heads): owners of follow-up actions."""
    return Q(area_id=area_id, role__in=[Role.PROSECUTOR, Role.PARALEGAL, Role.UNIT_HEAD])


def audit_events_q(user: Any) -> Q:
    """Audit events a user may read: unit heads their Area's staff's, other holders of the
    audit capability (system administrators, national leads) all of them."""
    if not can(user, "audit.view"):
        return NOTHING
    if user.role == Role.UNIT_HEAD:
        from .models import User

        return Q(actor_id__in=User.objects.filter(area_id=user.area_id).values("pk"))
    return Q()


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


# training


def training_people_q(user: Any, *, prefix: str = "") -> Q:
    """Whose training records a user may see, as a filter on users (`prefix` reaches them).

    The training administrator sees everyone; a role with `training.view` sees everyone when
    its case scope is national, its own Area's people when it works for one Area, nobody else.
    """
    if can(user, "training.manage"):
        return Q()
    if not can(user, "training.view"):
        return NOTHING
    scope = case_scope(user)
    if scope == CaseScope.ALL:
        return Q()
    if scope == CaseScope.OWN_AREA and user.area_id is not None:
        return Q(**{f"{prefix}area_id": user.area_id})
    return NOTHING


def training_sees_all_areas(user: Any) -> bool:
    """True when a user's training figures cover every Area (so an Area filter is offered)."""
    return can(user, "training.manage") or (
        can(user, "training.view") and case_scope(user) == CaseScope.ALL
    )


def training_requirement_applies(
    *,
    requirement_role: str,
    requirement_unit_id: int | None,
    complex_casework_only: bool,
    person_role: str,
    person_unit_id: int | None,
    person_handles_complex_casework: bool,
) -> bool:
    """Whether a training requirement (for a role and unit, blank meaning any) covers a person."""
    if requirement_role and requirement_role != person_role:
        return False
    if requirement_unit_id is not None and requirement_unit_id != person_unit_id:
        return False
    return person_handles_complex_casework or not complex_casework_only


# international


def international_sees_nationally(user: Any) -> bool:
    """The international team and the national lead see every deployment and every MLA,
    extradition and JIT record; everyone else sees only the records linked to their cases."""
    return can(user, "international.view")


def international_may_edit(user: Any) -> bool:
    return can(user, "international.edit")


def international_link_reach_q(user: Any) -> Q:
    """The cases (a Q over Case) an international casework record may be linked to by this user:
    the international team links records to cases flagged with an international element or a
    joint investigation team, nationally; nobody else links. Reaching a case this way shows its
    URN and Area only, never anything identifying."""
    if not international_may_edit(user):
        return NOTHING
    return Q(international=True) | Q(joint_investigation_team=True)


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


def eia_allocatable_lawyers_q(area_id: int | None) -> Q:
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
