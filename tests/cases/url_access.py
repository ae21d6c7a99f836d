"""URL access declarations for the case register (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from tests.url_access import Access


def _case(side):
    return {"pk": side.case.pk}


def _defendant(side):
    return {"pk": side.case.pk, "did": side.defendant.pk}


def _view(**kwargs) -> Access:
    return Access(C.CASE_VIEW, record=_case, shows="case", **kwargs)


def _edit(record=_case, **kwargs) -> Access:
    return Access(C.CASE_EDIT, record=record, shows="case", **kwargs)


URL_ACCESS = {
    "cases/": Access(C.CASE_VIEW, shows="case"),
    "cases/new": Access(C.CASE_EDIT),
    "cases/criteria/": Access(C.CASE_VIEW),
    "cases/criteria/new": Access(C.CRITERIA_EDIT),
    "cases/criteria/<int:rule_id>": Access(C.CRITERIA_EDIT),
    "cases/allocation-compliance": Access(C.CASE_VIEW, shows="case"),
    "cases/<int:pk>/": _view(),
    "cases/<int:pk>/timeline": _view(),
    "cases/<int:pk>/allocation": _view(),
    "cases/<int:pk>/suspects": _view(),
    "cases/<int:pk>/s45": _view(),
    "cases/<int:pk>/orders": _view(),
    "cases/<int:pk>/edit": _edit(),
    "cases/<int:pk>/suspects/new": _edit(),
    "cases/<int:pk>/orders/new": _edit(),
    "cases/<int:pk>/suspects/<int:did>/charges/new": _edit(_defendant),
    "cases/<int:pk>/suspects/<int:did>/sentence": _edit(_defendant),
    "cases/<int:pk>/s45/<int:did>": _edit(_defendant),
    "cases/<int:pk>/charges/<int:cid>": _edit(
        lambda side: {"pk": side.case.pk, "cid": side.charge.pk}
    ),
    "cases/<int:pk>/milestones/<slug:kind>": _edit(
        lambda side: {"pk": side.case.pk, "kind": "referral"}
    ),
}
