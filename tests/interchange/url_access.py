"""URL access declarations for imports and exports (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from tests.url_access import Access

URL_ACCESS = {
    "data/": Access((C.DATA_EXPORT, C.DATA_IMPORT)),
    "data/import/": Access(C.DATA_IMPORT),
    "data/imports/<uuid:public_id>/": Access(C.DATA_IMPORT),
    "data/imports/<uuid:public_id>/report.csv": Access(C.DATA_IMPORT),
    "data/templates/<slug:kind>.csv": Access(C.DATA_IMPORT),
    "data/export/cases/": Access(C.DATA_EXPORT),
    "data/export/htcds/": Access(C.DATA_EXPORT),
    "data/export/case/<int:pk>/": Access(C.DATA_EXPORT, record=lambda side: {"pk": side.case.pk}),
}
