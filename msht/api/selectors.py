"""Reads for the API: one page of the cases a user may see, through the cases app's door."""

from dataclasses import dataclass
from typing import Any

from msht.cases import selectors as case_selectors
from msht.cases.models import Case


@dataclass(frozen=True)
class CasePage:
    items: list[Case]
    count: int


def api_cases_page(
    user: Any,
    *,
    status: str | None = None,
    area: str | None = None,
    urn: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> CasePage:
    cases = case_selectors.cases_visible_to(user)
    if status:
        cases = cases.filter(status=status)
    if area:
        cases = cases.filter(area__code=area)
    if urn:
        cases = cases.filter(urn=urn.strip().upper())
    count = cases.count()
    items = list(
        cases.select_related("area", "unit", "police_force", "outcome")
        .prefetch_related("exploitation_types")
        .order_by("-id")[offset : offset + limit]
    )
    return CasePage(items=items, count=count)
