"""The service navigation: one entry per area of work, shown to the roles that may use it.

Each feature adds its entry here; an entry whose page does not exist yet is left out.
"""

import re
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from msht.accounts import access
from msht.accounts.roles import Capability as C


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capabilities: tuple[str, ...]  # any one of them is enough
    active: str  # a regular expression for the paths where this entry is the current one


NAV = [
    NavItem("Home", "web:home", (), r"^/$"),
    # A victim's pages belong to their case.
    NavItem("Cases", "cases:list", (C.CASE_VIEW,), r"^/(cases/|victims/(case/)?\d)"),
    NavItem("Victims needing attention", "victims:attention", (C.VICTIM_EDIT,), r"^/victims/$"),
    NavItem(
        "Performance", "insight:dashboard", (C.PERFORMANCE_VIEW, C.PARTNER_DATA), "/performance/"
    ),
    NavItem("Published figures", "insight:scrutiny", (C.PERFORMANCE_PUBLIC,), "/performance/"),
    NavItem("Quality", "quality:home", (C.QUALITY_REVIEW, C.QUALITY_MANAGE), "/quality/"),
    NavItem("Casework hub", "hub:home", (C.HUB_READ,), "/hub/"),
    NavItem("Training", "training:overview", (C.TRAINING_VIEW, C.TRAINING_MANAGE), "/training/"),
    NavItem("Data", "interchange:home", (C.DATA_IMPORT, C.DATA_EXPORT), "/data/"),
    NavItem(
        "Leads",
        "people:register",
        (C.PEOPLE_VIEW, C.PEOPLE_VIEW_ALL),
        r"^/people/(posts/)?$|^/people/posts/",
    ),
    NavItem(
        "Legal enquiries",
        "people:enquiries",
        (C.ENQUIRY_RAISE, C.ENQUIRY_ANSWER, C.ENQUIRY_OVERSEE),
        "^/people/enquiries/",
    ),
    NavItem(
        "Governance",
        "people:governance",
        (C.GOVERNANCE_VIEW, C.GOVERNANCE_VIEW_ALL),
        "^/people/governance/",
    ),
    NavItem(
        "International",
        "international:dashboard",
        (C.INTERNATIONAL_VIEW,),
        r"^/international/(?!case/)",
    ),
    NavItem("Early advice", "advice:list", (C.ADVICE_VIEW,), r"^/advice/(?!keys)"),
    NavItem("Audit trail", "audit:list", (C.AUDIT_VIEW,), "/audit/"),
    NavItem("Partner API keys", "advice:keys", (C.API_KEYS_MANAGE,), "/advice/keys"),
    NavItem("Accounts", "accounts:users", (C.USERS_MANAGE,), "/account/users"),
]


def navigation_for(user, path: str) -> list[dict]:
    items = []
    for item in NAV:
        if item.capabilities and not any(access.can(user, cap) for cap in item.capabilities):
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = re.match(item.active, path) is not None
        items.append({"text": item.label, "href": href, "active": active})
    return items
