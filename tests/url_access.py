"""Who may open which URL: the table the generated access matrix reads.

Every URL pattern of the service must be declared, by its route as Django prints it (for
example `"cases/<int:pk>/timeline"`), in a `URL_ACCESS` dict of a module
`tests/<app>/url_access.py`. `tests/access_matrix/` walks every pattern and fails for a
route that nobody declared, so a new app's pages are covered the moment they exist.

To declare your app's URLs (people, training, international, advice, worklist, ...):

    # tests/people/url_access.py
    from msht.accounts.roles import Capability as C
    from tests.url_access import Access, World

    URL_ACCESS = {
        "people/": Access(C.PEOPLE_VIEW, shows="person"),               # a list page
        "people/<int:pk>/": Access(C.PEOPLE_VIEW, shows="person",
                                   record=lambda w: {"pk": w.person.pk}),  # a record page
        "people/<int:pk>/edit": Access(C.PEOPLE_EDIT, method="post",
                                       record=lambda w: {"pk": w.person.pk}),
    }

and, if your records are not yet in `World`, add them to `World.build` (one in the user's Area,
one in another Area). What each field means is on `Access`.
"""

import importlib
import pkgutil
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.urls import URLPattern, get_resolver

from msht.accounts.roles import CAPABILITIES, CASE_SCOPES, CaseScope, Role
from msht.audit.models import AuditEvent, Operation
from tests.urlwalk import _walk

EVERYONE = "everyone"  # any signed-in user (and the public pages)


@dataclass(frozen=True)
class Access:
    """How one URL pattern answers.

    who: the capability (or a tuple of capabilities, any of which will do) a role needs;
        EVERYONE for pages any signed-in user may open.
    method: how the walker probes it: "get", or "post" for POST-only actions (sent empty).
    ok: the status a role that may use the page gets when probing a page without an id
        (200 for a page; 302 for a redirect; 400 for a page that needs parameters).
    only: when the capability alone does not decide, the roles that get `ok` (say why in `why`).
    record: for a pattern with ids, `record(world_side) -> kwargs` names a real record; the
        walker asks for the record of another Area (out of scope for Area roles) and, for the
        audit walk, the record of the user's own Area.
    reach: roles that may still reach the other Area's record; by default the roles whose case
        scope is ALL among those with `who`. Everyone else must get 404.
    shows: "case", "victim" or "person" when the page shows such data: every role that gets
        a 200 on it must leave a consultation row in the audit trail.
    why: a short reason for anything unusual.
    """

    who: str | tuple[str, ...]
    method: str = "get"
    ok: int = 200
    only: frozenset[str] | None = None
    record: Callable[[Any], dict[str, Any]] | None = None
    reach: frozenset[str] | None = None
    shows: str = ""
    why: str = ""
    missing: dict[str, str] = field(default_factory=dict)

    def allowed_roles(self) -> set[str]:
        if self.who == EVERYONE:
            roles = set(Role.values)
        else:
            needed = (self.who,) if isinstance(self.who, str) else self.who
            roles = {r for r in Role.values if CAPABILITIES.get(r, frozenset()) & set(needed)}
        if self.only is not None:
            roles &= set(self.only)
        return roles

    def reaching_roles(self) -> set[str]:
        if self.reach is not None:
            return set(self.reach)
        return {r for r in self.allowed_roles() if CASE_SCOPES.get(r) == CaseScope.ALL}


def declarations() -> dict[str, Access]:
    """Every `URL_ACCESS` of every `tests/<app>/url_access.py`, merged (a route declared twice
    is an error)."""
    import tests

    merged: dict[str, Access] = {}
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            table = importlib.import_module(f"tests.{module.name}.url_access")
        except ModuleNotFoundError as error:
            if error.name != f"tests.{module.name}.url_access":
                raise
            continue
        for route, access in table.URL_ACCESS.items():
            assert route not in merged, f"{route} is declared twice"
            merged[route] = access
    return merged


def missing_value(converter: str, name: str) -> str:
    """A value for a path parameter that names nothing."""
    if converter == "int" or name.endswith(("id", "pk")):
        return str(900_000_000 + uuid.uuid4().int % 99_999_999)
    if converter == "uuid":
        return str(uuid.uuid4())
    return "no-such-thing"


@dataclass
class Side:
    """The records of one Area: a charged case with a suspect and a charge, a victim with a
    record of every kind, a quality assessment, a hub draft and a feedback item."""

    case: Any
    defendant: Any
    charge: Any
    victim: Any
    application: Any
    booking: Any
    review: Any
    assessment: Any
    user: Any


@dataclass
class World:
    own: Side  # LONDON-NORTH, the Area of every Area-bound test user
    other: Side  # WESSEX: out of scope for every Area-bound role

    @classmethod
    def build(cls) -> "World":
        return cls(own=_side("LONDON-NORTH", "01"), other=_side("WESSEX", "44"))


def _side(area: str, force: str) -> Side:
    from msht.cases import services as case_services
    from msht.reference.models import Offence
    from tests.cases.factories import make_charged_case
    from tests.factories import UserFactory
    from tests.quality.factories import make_assessment, unit_head
    from tests.victims.factories import make_full_victim

    case = make_charged_case(area_code=area, force=force)
    defendant = case_services.defendant_add(actor=None, case=case, reference="D1")
    charge = case_services.charge_add(
        actor=None,
        defendant=defendant,
        offence=Offence.objects.get(code="MSA-S2"),
        charged_on=case.charge_date,
    )
    victim, parts = make_full_victim(case=case)
    assessment = make_assessment(case=_allocated(case), head=unit_head(area))
    user = UserFactory(role=Role.PROSECUTOR, area=case.area)
    return Side(
        case=case,
        defendant=defendant,
        charge=charge,
        victim=victim,
        application=parts["application"],
        booking=parts["booking"],
        review=parts["review"],
        assessment=assessment,
        user=user,
    )


def _allocated(case: Any) -> Any:
    from msht.cases import services as case_services
    from msht.reference.models import Unit

    case.refresh_from_db()
    if case.unit_id:
        return case
    return case_services.case_allocate(
        actor=None,
        case=case,
        expected_version=None,
        unit=Unit.objects.get(code="CCU"),
        reason="Capacity in the unit",
    )


# --- The walker ---------------------------------------------------------------------------

PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def routes() -> dict[str, URLPattern]:
    return dict(_walk(get_resolver().url_patterns))


def url_for(route: str, values: dict[str, str] | None = None) -> str:
    def fill(match: re.Match) -> str:
        converter, name = match.group(1) or "str", match.group(2)
        if values is not None:
            return str(values[name])
        return missing_value(converter, name)

    return "/" + PARAMETER.sub(fill, route)


def has_ids(route: str) -> bool:
    return bool(PARAMETER.search(route))


def probe(client: Client, access: Access, url: str) -> int:
    return getattr(client, access.method)(url).status_code


def declared() -> Iterator[tuple[str, Access]]:
    table = declarations()
    for route in routes():
        if route in table:
            yield route, table[route]


def consultations(user_id: int) -> int:
    return AuditEvent.objects.filter(operation=Operation.CONSULTATION, actor_id=user_id).count()
