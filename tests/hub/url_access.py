"""URL access declarations for the casework hub (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from tests.url_access import Access

URL_ACCESS = {
    "hub/": Access(C.HUB_READ),
    "hub/whats-new/": Access(C.HUB_READ),
    "hub/feed.atom": Access(C.HUB_READ),
    "hub/mine/": Access(C.HUB_WRITE),
    "hub/review/": Access(C.HUB_PUBLISH),
    "hub/items/new/": Access(C.HUB_WRITE),
    "hub/items/<int:pk>/": Access(C.HUB_READ),
    "hub/items/<int:pk>/edit/": Access(C.HUB_WRITE),
    "hub/items/<int:pk>/submit/": Access(C.HUB_WRITE, method="post"),
    "hub/items/<int:pk>/publish/": Access(C.HUB_PUBLISH),
    "hub/items/<int:pk>/confirm/": Access(C.HUB_PUBLISH),
    "hub/items/<int:pk>/return/": Access(C.HUB_PUBLISH),
    "hub/items/<int:pk>/archive/": Access(C.HUB_PUBLISH),
    "hub/feedback/": Access(C.HUB_WRITE),
    "hub/feedback/new/": Access(C.HUB_WRITE),
    "hub/feedback/<int:pk>/": Access(C.HUB_WRITE),
    "hub/feedback/<int:pk>/answer/": Access(C.HUB_WRITE, method="post"),
    "hub/feedback/<int:pk>/lesson/": Access(C.HUB_WRITE, method="post"),
}
