"""The service navigation: one entry per area of work, shown to the roles that may use it.

Each feature adds its entry here; an entry whose page does not exist yet is left out.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from msht.accounts import access
from msht.accounts.roles import Capability as C


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capabilities: tuple[str, ...]  # any one of them is enough
    prefix: str


NAV = [
    NavItem("Home", "web:home", (), "/"),
    NavItem("Cases", "cases:list", (C.CASE_VIEW,), "/cases/"),
    NavItem("Victims needing attention", "victims:attention", (C.VICTIM_EDIT,), "/victims/"),
    NavItem(
        "Performance", "insight:dashboard", (C.PERFORMANCE_VIEW, C.PARTNER_DATA), "/performance/"
    ),
    NavItem("Published figures", "insight:scrutiny", (C.PERFORMANCE_PUBLIC,), "/performance/"),
    NavItem("Quality", "quality:home", (C.QUALITY_REVIEW, C.QUALITY_MANAGE), "/quality/"),
    NavItem("Casework hub", "hub:home", (C.HUB_READ,), "/hub/"),
    NavItem("Data", "interchange:home", (C.DATA_IMPORT, C.DATA_EXPORT), "/data/"),
    NavItem("Audit trail", "audit:list", (C.AUDIT_VIEW,), "/audit/"),
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
        active = path == href if href == "/" else path.startswith(href)
        items.append({"text": item.label, "href": href, "active": active})
    return items
