"""The case page's sub-navigation. Other features add their tab by appending to CASE_TABS.

    from msht.cases.tabs import CASE_TABS, CaseTab
    CASE_TABS.append(CaseTab("Victims and witnesses", "victims:case", "victims"))

Each tab's URL name takes the case's primary key as its one argument (`pk`); `key` marks the
current tab (the case page passes it as `current_tab`).
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class CaseTab:
    label: str
    url_name: str
    key: str


CASE_TABS: list[CaseTab] = [
    CaseTab("Summary", "cases:detail", "summary"),
    CaseTab("Suspects and charges", "cases:defendants", "defendants"),
    CaseTab("Timeline", "cases:timeline", "timeline"),
    CaseTab("Allocation", "cases:allocation", "allocation"),
    CaseTab("Section 45 screening", "cases:s45", "s45"),
    CaseTab("Orders", "cases:orders", "orders"),
]


def case_tabs(case_pk: int, current: str) -> list[dict]:
    """MoJ sub-navigation items for a case; tabs whose page does not exist are left out."""
    items = []
    for tab in CASE_TABS:
        try:
            href = reverse(tab.url_name, args=[case_pk])
        except NoReverseMatch:
            continue
        items.append({"text": tab.label, "href": href, "active": tab.key == current})
    return items
