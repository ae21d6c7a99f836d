"""The read API: the same selectors and access rule as the pages, typed with django-ninja.

Authentication is the signed-in session with its second factor (the sign-in middleware answers
401 for anything else); out-of-scope and missing records are both 404.
"""

from datetime import date

from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Path, Query, Schema

from msht import __version__
from msht.accounts import access
from msht.accounts.roles import Capability
from msht.cases import selectors as case_selectors
from msht.cases.services import case_view_record

from .selectors import api_cases_page
from .services import case_list_consultation_record

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


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in words")


class ValidationIssue(Schema):
    type: str
    loc: list[str | int] = Field(description="Where: the parameter's location and name")
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssue]


ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,  # a request the service refuses to read (for example a NUL byte)
    401: ErrorOut,  # not signed in, or not through the second factor
    404: ErrorOut,  # missing, out of your scope, or a feature your role does not have
    422: ValidationErrorOut,  # a parameter of the wrong type or out of range
}

MAX_ID = 2**63 - 1  # the largest id any of the databases can hold


class CaseQuery(Schema):
    status: str | None = None
    area: str | None = None
    urn: str | None = None
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10**12)


class CasePageOut(Schema):
    items: list[CaseOut]
    count: int = Field(description="How many cases match, over all pages")


def _require_cases(request: HttpRequest) -> None:
    if not access.can(request.user, Capability.CASE_VIEW):
        raise Http404


@api.get("/cases", response={200: CasePageOut, **ERRORS}, summary="Cases you may see")
def list_cases(request: HttpRequest, query: Query[CaseQuery]):
    _require_cases(request)
    user = access.request_user(request)
    page = api_cases_page(
        user,
        status=query.status,
        area=query.area,
        urn=query.urn,
        limit=query.limit,
        offset=query.offset,
    )
    case_list_consultation_record(
        actor=user,
        filters=query.dict(),
        case_ids=[case.pk for case in page.items],
        total=page.count,
    )
    return {"items": page.items, "count": page.count}


@api.get("/cases/{case_id}", response={200: CaseOut, **ERRORS}, summary="One case")
def get_case(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)):
    _require_cases(request)
    case = case_selectors.case_get_visible(request.user, pk=case_id)
    case_view_record(actor=request.user, case=case, page="api")
    return case


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": "Not found."}, status=404)
