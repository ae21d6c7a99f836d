"""The read API: the same selectors and access rule as the pages, typed with django-ninja.

Authentication is the signed-in session with its second factor (the sign-in middleware answers
401 for anything else); out-of-scope and missing records are both 404.
"""

from datetime import date

from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Query, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from msht import __version__
from msht.accounts import access
from msht.accounts.roles import Capability
from msht.cases import selectors as case_selectors
from msht.cases.services import case_view_record

api = NinjaAPI(
    title="msht API",
    version=__version__,
    description="Read access to the modern slavery case register, through the same access "
    "rule as the service's pages. Sign in to the service first; every request needs the "
    "session and its second factor.",
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/partner/", "msht.advice.api.router")  # partner API with keys (msht.advice)


class CaseOut(Schema):
    id: int
    urn: str
    area: str
    unit: str | None
    police_force: str
    status: str
    operation_name: str
    exploitation_types: list[str]
    international: bool
    organised_crime_group: bool
    joint_investigation_team: bool
    child_victim: bool
    county_lines: bool
    referral_date: date | None
    charge_date: date | None
    finalised_date: date | None
    outcome: str | None

    @staticmethod
    def resolve_area(case) -> str:
        return case.area.code

    @staticmethod
    def resolve_unit(case) -> str | None:
        return case.unit.code if case.unit_id else None

    @staticmethod
    def resolve_police_force(case) -> str:
        return case.police_force.code

    @staticmethod
    def resolve_exploitation_types(case) -> list[str]:
        return [t.code for t in case.exploitation_types.all()]

    @staticmethod
    def resolve_outcome(case) -> str | None:
        return case.outcome.code if case.outcome_id else None


class BoundedPagination(LimitOffsetPagination):
    """Limit and offset within what a database index can take (SQLite integers are 64-bit)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10**12)


class CaseFilter(Schema):
    status: str | None = None
    area: str | None = None
    urn: str | None = None


def _require_cases(request: HttpRequest) -> None:
    if not access.can(request.user, Capability.CASE_VIEW):
        raise Http404


@api.get("/cases", response=list[CaseOut], summary="Cases you may see")
@paginate(BoundedPagination)
def list_cases(request: HttpRequest, filters: Query[CaseFilter]):
    _require_cases(request)
    cases = (
        case_selectors.cases_visible_to(request.user)
        .select_related("area", "unit", "police_force", "outcome")
        .prefetch_related("exploitation_types")
        .order_by("-id")
    )
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.area:
        cases = cases.filter(area__code=filters.area)
    if filters.urn:
        cases = cases.filter(urn=filters.urn.strip().upper())
    return cases


@api.get("/cases/{case_id}", response=CaseOut, summary="One case")
def get_case(request: HttpRequest, case_id: int):
    _require_cases(request)
    case = case_selectors.case_get_visible(request.user, pk=case_id)
    case_view_record(actor=request.user, case=case, page="api")
    return case


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": "Not found."}, status=404)
