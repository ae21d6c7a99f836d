"""URL access declarations for figures and packs (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from msht.accounts.roles import Role
from tests.url_access import Access

FIGURES = (C.PERFORMANCE_VIEW, C.PARTNER_DATA)
PUBLIC = (C.PERFORMANCE_VIEW, C.PARTNER_DATA, C.PERFORMANCE_PUBLIC)
NATIONAL_PACKS = frozenset({Role.CPS_DIRECT, Role.NATIONAL_LEAD, Role.POLICE_PARTNER})

URL_ACCESS = {
    "performance/": Access(FIGURES),
    "performance/area/<str:code>/": Access(
        FIGURES,
        record=lambda side: {"code": side.case.area.code},
        reach=frozenset({Role.CPS_DIRECT, Role.NATIONAL_LEAD}),
    ),
    "performance/published/": Access(PUBLIC),
    "performance/definitions": Access(PUBLIC),
    "performance/pack/": Access(
        FIGURES,
        ok=400,
        only=NATIONAL_PACKS,
        why="without parameters it asks for them; Area roles have no national pack",
    ),
    "performance/pack/freeze": Access(
        C.PERFORMANCE_VIEW,
        method="post",
        ok=400,
        only=frozenset({Role.CPS_DIRECT, Role.NATIONAL_LEAD}),
        why="an empty form is refused; Area roles have no national pack",
    ),
    "performance/frozen/<uuid:public_id>/": Access(FIGURES),
}
