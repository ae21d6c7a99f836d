"""The roles of the service and what each may do, as named capabilities.

The table follows the roles and scopes in the mission brief. `msht.accounts.access` is the only
place that reads it; features ask `access.can(user, Capability.X)` or use the scope helpers.
"""

from django.db import models


class Role(models.TextChoices):
    PROSECUTOR = "prosecutor", "Prosecutor"
    PARALEGAL = "paralegal", "Paralegal"
    UNIT_HEAD = "unit_head", "Unit head / Area MSHT lead"
    CPS_DIRECT = "cps_direct", "CPS Direct lawyer"
    PERFORMANCE_MANAGER = "performance_manager", "Area performance manager"
    NATIONAL_LEAD = "national_lead", "National policy lead"
    QUALITY_REVIEWER = "quality_reviewer", "Quality reviewer"
    HUB_EDITOR = "hub_editor", "Hub editor"
    TRAINING_ADMIN = "training_admin", "Training administrator"
    INTERNATIONAL = "international", "International team"
    POLICE_PARTNER = "police_partner", "Police partner"
    SCRUTINY = "scrutiny", "Third sector / inspectorate"
    SYSTEM_ADMIN = "system_admin", "System administrator"
    LEGAL_ADVISER = "legal_adviser", "Legal policy adviser"
    DATA_PROTECTION = "data_protection", "Data protection officer"


class CaseScope(models.TextChoices):
    """How much of the case register a role reaches."""

    NONE = "none", "No cases"
    ASSIGNED = "assigned", "Cases assigned to them"
    OWN_AREA = "own_area", "Cases of their Area"
    ALL = "all", "All cases"


class Capability(models.TextChoices):
    CASE_VIEW = "case.view", "See cases in scope"
    CASE_EDIT = "case.edit", "Register and update cases"
    CASE_ALLOCATE = "case.allocate", "Allocate cases to units and lawyers"
    VICTIM_IDENTITY_VIEW = "victim.identity_view", "Reveal victims' identifying details"
    VICTIM_EDIT = "victim.edit", "Record victim and witness measures"
    CRITERIA_EDIT = "criteria.edit", "Edit the casework referral criteria"
    QUALITY_REVIEW = "quality.review", "Complete quality assessments"
    QUALITY_MANAGE = "quality.manage", "Draw samples and sign off assessments"
    QUALITY_SIGN_OFF = "quality.sign_off", "Draw dip samples and sign off assessments for an Area"
    PERFORMANCE_VIEW = "performance.view", "See internal performance data"
    PERFORMANCE_PUBLIC = "performance.public", "See public-level figures"
    PARTNER_DATA = "performance.partner", "See partner-level joint figures"
    DATA_IMPORT = "data.import", "Import data files"
    DATA_EXPORT = "data.export", "Export case lists and records"
    HUB_READ = "hub.read", "Read the casework hub"
    HUB_WRITE = "hub.write", "Draft hub content and raise feedback"
    HUB_PUBLISH = "hub.publish", "Review and publish hub content"
    AUDIT_VIEW = "audit.view", "See the audit trail"
    USERS_MANAGE = "users.manage", "Manage accounts"
    # people: leads and deputies, legal enquiries, governance
    PEOPLE_VIEW = "people.view", "See the leads and deputies of their Area"
    PEOPLE_VIEW_ALL = "people.view_all", "See the whole register of leads and deputies"
    PEOPLE_MANAGE = "people.manage", "Record leads, deputies and successors"
    ENQUIRY_RAISE = "enquiry.raise", "Raise legal enquiries to the national legal lead"
    ENQUIRY_ANSWER = "enquiry.answer", "Answer legal enquiries"
    ENQUIRY_OVERSEE = "enquiry.oversee", "See every legal enquiry and its measures"
    GOVERNANCE_VIEW = "governance.view", "See their Area's governance meetings"
    GOVERNANCE_VIEW_ALL = "governance.view_all", "See every governance meeting"
    GOVERNANCE_RECORD = "governance.record", "Record governance meetings, decisions and actions"
    TRAINING_VIEW = "training.view", "See training compliance and the people behind it"
    TRAINING_MANAGE = "training.manage", "Manage courses, requirements and completions"
    INTERNATIONAL_VIEW = "international.view", "See deployments and international casework"
    INTERNATIONAL_EDIT = "international.edit", "Record deployments and international casework"
    # advice
    ADVICE_REQUEST = "advice.request", "Request early investigative advice for a police force"
    ADVICE_VIEW = "advice.view", "See early investigative advice requests in scope"
    API_KEYS_MANAGE = "api_keys.manage", "Create and revoke partner API keys"


C = Capability
_CASEWORK = {
    C.CASE_VIEW,
    C.CASE_EDIT,
    C.VICTIM_IDENTITY_VIEW,
    C.VICTIM_EDIT,
    C.HUB_READ,
    C.HUB_WRITE,
    C.DATA_EXPORT,
    C.PERFORMANCE_VIEW,
}

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.PROSECUTOR: frozenset(_CASEWORK | {C.ENQUIRY_RAISE}),
    Role.PARALEGAL: frozenset(_CASEWORK | {C.ENQUIRY_RAISE}),
    Role.UNIT_HEAD: frozenset(
        _CASEWORK
        | {
            C.CASE_ALLOCATE,
            C.QUALITY_REVIEW,
            C.QUALITY_MANAGE,
            C.DATA_IMPORT,
            C.AUDIT_VIEW,
            C.QUALITY_SIGN_OFF,
            C.ENQUIRY_RAISE,
            C.PEOPLE_VIEW,
            C.GOVERNANCE_VIEW,
            C.GOVERNANCE_RECORD,
            C.TRAINING_VIEW,
        }
    ),
    Role.CPS_DIRECT: frozenset(_CASEWORK | {C.ENQUIRY_RAISE}),
    Role.PERFORMANCE_MANAGER: frozenset(
        {
            C.CASE_VIEW,
            C.PERFORMANCE_VIEW,
            C.PARTNER_DATA,
            C.DATA_EXPORT,
            C.HUB_READ,
            C.QUALITY_MANAGE,
            C.GOVERNANCE_VIEW,
        }
    ),
    Role.NATIONAL_LEAD: frozenset(
        {
            C.CASE_VIEW,
            C.CASE_ALLOCATE,
            C.CRITERIA_EDIT,
            C.PERFORMANCE_VIEW,
            C.PARTNER_DATA,
            C.DATA_IMPORT,
            C.DATA_EXPORT,
            C.HUB_READ,
            C.HUB_WRITE,
            C.QUALITY_MANAGE,
            C.AUDIT_VIEW,
            C.PEOPLE_VIEW,
            C.PEOPLE_VIEW_ALL,
            C.PEOPLE_MANAGE,
            C.ENQUIRY_OVERSEE,
            C.GOVERNANCE_VIEW,
            C.GOVERNANCE_VIEW_ALL,
            C.GOVERNANCE_RECORD,
            C.TRAINING_VIEW,
            C.INTERNATIONAL_VIEW,
        }
    ),
    Role.QUALITY_REVIEWER: frozenset({C.CASE_VIEW, C.QUALITY_REVIEW, C.HUB_READ}),
    Role.HUB_EDITOR: frozenset({C.HUB_READ, C.HUB_WRITE, C.HUB_PUBLISH}),
    # Completions arrive as learning-system files through the Data upload page.
    Role.TRAINING_ADMIN: frozenset({C.HUB_READ, C.TRAINING_VIEW, C.TRAINING_MANAGE, C.DATA_IMPORT}),
    Role.INTERNATIONAL: frozenset(
        {C.HUB_READ, C.HUB_WRITE, C.INTERNATIONAL_VIEW, C.INTERNATIONAL_EDIT}
    ),
    Role.POLICE_PARTNER: frozenset({C.PARTNER_DATA, C.PERFORMANCE_PUBLIC}),
    Role.SCRUTINY: frozenset({C.PERFORMANCE_PUBLIC}),
    Role.SYSTEM_ADMIN: frozenset({C.USERS_MANAGE, C.AUDIT_VIEW}),
    Role.LEGAL_ADVISER: frozenset({C.HUB_READ, C.HUB_WRITE, C.ENQUIRY_ANSWER}),
    Role.DATA_PROTECTION: frozenset({C.HUB_READ}),
}

# advice: who requests, sees and triages early investigative advice (triage is case.allocate).
_ADVICE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.POLICE_PARTNER: frozenset({C.ADVICE_REQUEST, C.ADVICE_VIEW}),
    Role.PROSECUTOR: frozenset({C.ADVICE_VIEW}),
    Role.PARALEGAL: frozenset({C.ADVICE_VIEW}),
    Role.UNIT_HEAD: frozenset({C.ADVICE_VIEW}),
    Role.CPS_DIRECT: frozenset({C.ADVICE_VIEW}),
    Role.PERFORMANCE_MANAGER: frozenset({C.ADVICE_VIEW}),
    Role.NATIONAL_LEAD: frozenset({C.ADVICE_VIEW}),
    Role.SYSTEM_ADMIN: frozenset({C.API_KEYS_MANAGE}),
}
for _role, _extra in _ADVICE_CAPABILITIES.items():
    CAPABILITIES[_role] = CAPABILITIES[_role] | _extra

CASE_SCOPES: dict[str, str] = {
    Role.PROSECUTOR: CaseScope.OWN_AREA,
    Role.PARALEGAL: CaseScope.OWN_AREA,
    Role.UNIT_HEAD: CaseScope.OWN_AREA,
    Role.CPS_DIRECT: CaseScope.ALL,
    Role.PERFORMANCE_MANAGER: CaseScope.OWN_AREA,
    Role.NATIONAL_LEAD: CaseScope.ALL,
    Role.QUALITY_REVIEWER: CaseScope.ASSIGNED,
    Role.HUB_EDITOR: CaseScope.NONE,
    Role.TRAINING_ADMIN: CaseScope.NONE,
    Role.INTERNATIONAL: CaseScope.NONE,
    Role.POLICE_PARTNER: CaseScope.NONE,
    Role.SCRUTINY: CaseScope.NONE,
    Role.SYSTEM_ADMIN: CaseScope.NONE,
    Role.LEGAL_ADVISER: CaseScope.NONE,
    Role.DATA_PROTECTION: CaseScope.NONE,
}

# Roles that work with figures and may never receive a victim's or suspect's identity.
NO_IDENTITY_ROLES = frozenset(
    {
        Role.PERFORMANCE_MANAGER,
        Role.NATIONAL_LEAD,
        Role.QUALITY_REVIEWER,
        Role.POLICE_PARTNER,
        Role.SCRUTINY,
        Role.SYSTEM_ADMIN,
        Role.HUB_EDITOR,
        Role.TRAINING_ADMIN,
        Role.INTERNATIONAL,
        Role.LEGAL_ADVISER,
        Role.DATA_PROTECTION,
    }
)

# Roles whose accounts must name an Area.
AREA_ROLES = frozenset({Role.PROSECUTOR, Role.PARALEGAL, Role.UNIT_HEAD, Role.PERFORMANCE_MANAGER})
