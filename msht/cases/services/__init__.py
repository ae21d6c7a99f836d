"""Writes to the case register, one module per subject. Each service validates, writes and
audits in one transaction; the pure rules they apply live in `msht.cases.rules`.

The names other apps use stay importable from here (`from msht.cases import services`).
"""

from ..rules import (
    DATE_LABELS,
    DATE_ORDER,
    DECISION_STATUS,
    Recommendation,
    case_facts,
    recommend_from_facts,
    rule_matches,
)
from .allocation import (
    RULE_CONFLICT_MESSAGE,
    RuleConflict,
    allocation_recommend,
    allocation_rule_save,
    case_allocate,
)
from .common import CONFLICT_MESSAGE, CaseConflict
from .defendants import (
    charge_add,
    charge_result_record,
    defendant_add,
    s45_screening_record,
    sentence_record,
)
from .milestones import (
    advice_record,
    case_reopen,
    charging_decision_record,
    finalisation_record,
    first_hearing_record,
    police_referral_record,
    trial_record,
)
from .orders import order_record
from .register import (
    CASE_DETAIL_FIELDS,
    case_create,
    case_list_view_record,
    case_update,
    case_view_record,
    urn_clash_check,
)

__all__ = [
    "CASE_DETAIL_FIELDS",
    "CONFLICT_MESSAGE",
    "DATE_LABELS",
    "DATE_ORDER",
    "DECISION_STATUS",
    "CaseConflict",
    "RULE_CONFLICT_MESSAGE",
    "RuleConflict",
    "Recommendation",
    "advice_record",
    "allocation_recommend",
    "allocation_rule_save",
    "case_allocate",
    "case_create",
    "case_facts",
    "case_list_view_record",
    "case_reopen",
    "case_update",
    "case_view_record",
    "charge_add",
    "charge_result_record",
    "charging_decision_record",
    "defendant_add",
    "finalisation_record",
    "first_hearing_record",
    "order_record",
    "police_referral_record",
    "recommend_from_facts",
    "rule_matches",
    "s45_screening_record",
    "sentence_record",
    "trial_record",
    "urn_clash_check",
]
