"""The partner API: a force's systems, with a key, request early advice, read its requests'
status and advice summary, and read the force's joint figures (partner level).

Keys are sent in the `X-API-Key` header; an unknown, revoked or expired key is 401. A key acts
as its force's police partner: another force's request is 404, exactly like a missing one.
Every call is audited; calls are throttled per key.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.security import APIKeyHeader
from ninja.throttling import AuthRateThrottle
from pydantic import field_validator

from msht.audit.models import Operation
from msht.audit.services import audit_record
from msht.insight import disclosure
from msht.insight.measures import Filters, Scope
from msht.insight.periods import MonthRange
from msht.reference.models import ExploitationType

from . import selectors, services
from .measures import eia_summary
from .models import AdviceRequest, RequestStatus, Urgency


class PartnerKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None):
        found = services.api_key_authenticate(key)
        return services.KeyActor(found) if found else None


router = Router(auth=PartnerKey(), throttle=[AuthRateThrottle("120/m")], tags=["partner"])


class RequestIn(Schema):
    operation_name: str = Field(..., min_length=1, max_length=100)
    officer_name: str = Field(..., min_length=1, max_length=200)
    officer_contact: str = Field(..., min_length=1, max_length=200)
    summary: str = Field(..., min_length=1, max_length=5000)
    exploitation_types: list[str] = Field(default_factory=list, max_length=20)
    suspect_count: int = Field(0, ge=0, le=10_000)
    victim_count: int = Field(0, ge=0, le=10_000)
    advice_sought: str = Field(..., min_length=1, max_length=5000)
    urgency: Urgency = Urgency.ROUTINE
    requested_by_date: date

    @field_validator("*", mode="after")
    @classmethod
    def no_nul_characters(cls, value):
        """PostgreSQL text cannot hold a NUL; nothing a person types contains one."""
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise ValueError("must not contain a NUL character")
        return value


class ActionOut(Schema):
    description: str
    due_on: date


class RequestOut(Schema):
    id: int
    reference: str
    operation_name: str
    police_force: str
    area: str
    status: RequestStatus
    status_label: str
    requested_on: date
    requested_by_date: date
    decline_reasons: list[str]
    police_respond_by: date | None
    advice_given_on: date | None
    advice_summary: str
    action_plan: list[ActionOut]

    @staticmethod
    def resolve_police_force(obj: AdviceRequest) -> str:
        return obj.police_force.name

    @staticmethod
    def resolve_area(obj: AdviceRequest) -> str:
        return obj.area.name

    @staticmethod
    def resolve_status_label(obj: AdviceRequest) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_decline_reasons(obj: AdviceRequest) -> list[str]:
        return [d.get_reason_display() for d in obj.declines.all()]

    @staticmethod
    def resolve_action_plan(obj: AdviceRequest) -> list:
        return list(obj.action_items.all()) if obj.status == RequestStatus.ADVICE_GIVEN else []


class FiguresQuery(Schema):
    period: str = Field("", max_length=20, description="YYYY-MM or YYYY-MM..YYYY-MM")


class FiguresOut(Schema):
    police_force: str
    period: str
    disclosure_control: str
    requests: int | str
    accepted: int | str
    declined: int | str
    median_working_days_to_advice: float | str


class Problem(Schema):
    detail: str | dict


class ValidationProblem(Schema):
    detail: list[dict]


# Every partner operation can answer these: no or a bad key (401), a record of another force or
# none (404), a request the service refuses to read (400), parameters of the wrong shape (422).
ERRORS: dict[int, type[Schema]] = {400: Problem, 401: Problem, 404: Problem, 422: ValidationProblem}


def _actor(request: HttpRequest) -> services.KeyActor:
    """The key's actor, set by `PartnerKey` (django-ninja puts it on `request.auth`)."""
    return request.auth  # type: ignore[attr-defined]


def _audit(actor, operation: str, object_type: str, object_id="", **detail) -> None:
    recipient = actor.police_force.name if operation == Operation.DISCLOSURE else ""
    audit_record(
        actor=actor,
        operation=operation,
        object_type=object_type,
        object_id=object_id,
        recipient=recipient,
        detail={"api_key": actor.key.prefix, "force": actor.police_force.code, **detail},
    )


@router.post("/advice-requests", response={201: RequestOut, **ERRORS}, summary="Request EIA")
def create_request(request: HttpRequest, payload: RequestIn):
    actor = _actor(request)
    codes = set(payload.exploitation_types)
    types = list(ExploitationType.objects.enabled().filter(code__in=codes))
    if len(types) != len(codes):
        return Status(
            400, {"detail": {"exploitation_types": "Use exploitation type codes, like LABOUR"}}
        )
    data = payload.dict(exclude={"exploitation_types"})
    data["urgency"] = str(payload.urgency.value)
    try:
        created = services.advice_request_create(
            actor=actor, exploitation_types=types, api_key=actor.key, **data
        )
    except ValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else "; ".join(error.messages)
        return Status(400, {"detail": detail})
    return Status(201, selectors.advice_requests_visible_to(actor).get(pk=created.pk))


@router.get(
    "/advice-requests", response={200: list[RequestOut], **ERRORS}, summary="Your force's requests"
)
def list_requests(request: HttpRequest):
    actor = _actor(request)
    requests = list(
        selectors.advice_requests_visible_to(actor).prefetch_related("declines", "action_items")[
            :200
        ]
    )
    _audit(actor, Operation.CONSULTATION, "advice_request_list", ids=[r.pk for r in requests][:100])
    return requests


@router.get(
    "/advice-requests/{request_id}",
    response={200: RequestOut, **ERRORS},
    summary="One request: status and advice summary",
)
def get_request(request: HttpRequest, request_id: int):
    actor = _actor(request)
    item = selectors.advice_request_get_visible(actor, pk=request_id)
    services.advice_request_view_record(actor=actor, request=item, page="api")
    return item


@router.get("/figures", response={200: FiguresOut, **ERRORS}, summary="Your force's joint figures")
def figures(request: HttpRequest, query: Query[FiguresQuery]):
    actor = _actor(request)
    try:
        period = MonthRange.parse(query.period) if query.period else None
    except ValueError as error:
        return Status(400, {"detail": str(error)})
    if period is None:
        from msht.insight.forms import default_range

        period = default_range()
    scope = Scope(everything=True, police_force_id=actor.police_force_id)
    filters = Filters(start=period.start_date, end=period.end_date)
    result = eia_summary(scope, filters, disclosure.PARTNER)
    _audit(actor, Operation.DISCLOSURE, "joint_figures", period=period.text())
    return {
        "police_force": actor.police_force.name,
        "period": period.describe(),
        "disclosure_control": disclosure.AUDIENCES[disclosure.PARTNER],
        **result,
    }
