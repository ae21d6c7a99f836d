"""Early investigative advice pages: thin views over forms, services and selectors."""

from datetime import date
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.insight.rendering import definition_href, pack_html, show
from msht.insight.spreadsheet import workbook_bytes
from msht.reference.dates import today
from msht.reference.models import PoliceForce

from . import selectors, services
from .forms import (
    AcceptForm,
    AdviceForm,
    ApiKeyForm,
    DeclineForm,
    JointPackForm,
    LinkCaseForm,
    RequestForm,
)
from .models import RequestStatus

LIST_LIMIT = 100


def refused_is_404(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except services.AdviceRefused as error:
            raise Http404 from error

    return wrapper


def _apply(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _render_form(request, template, form, **context):
    status = 400 if form.is_bound and form.errors else 200
    context.update({"form": form, "page_has_errors": bool(form.is_bound and form.errors)})
    return render(request, f"advice/{template}", context, status=status)


@require_http_methods(["GET"])
def request_list(request):
    user = access.request_user(request)
    access.require(user, Capability.ADVICE_VIEW)
    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    requests = list(selectors.advice_requests_for_list(user, status=status)[:LIST_LIMIT])
    services.advice_requests_list_record(
        actor=user, ids=[r.pk for r in requests], filters={"status": status}
    )
    return render(
        request,
        "advice/list.html",
        {
            "requests": requests,
            "status": status,
            "statuses": RequestStatus.choices,
            "limit": LIST_LIMIT,
            "can_request": access.can(user, Capability.ADVICE_REQUEST),
        },
    )


@require_http_methods(["GET", "POST"])
@refused_is_404
def request_new(request):
    user = access.request_user(request)
    access.require(user, Capability.ADVICE_REQUEST)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.advice_request_create(actor=user, **data)
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("advice:detail", pk=created.pk)
    return _render_form(request, "request_form.html", form, force=user.police_force)


@require_http_methods(["GET"])
def request_detail(request, pk: int):
    user = access.request_user(request)
    access.require(user, Capability.ADVICE_VIEW)
    advice_request = selectors.advice_request_get_visible(user, pk=pk)
    services.advice_request_view_record(actor=user, request=advice_request, page="detail")
    police = access.advice_sight_is_disclosure(user)
    return render(
        request,
        "advice/detail.html",
        {
            "item": advice_request,
            "police": police,
            "may_triage": access.advice_may_triage(user, advice_request.area_id),
            "may_give": access.advice_may_give(
                user, advice_request.lawyer_id, advice_request.area_id
            ),
            "may_link": access.advice_may_link_case(user, advice_request.area_id),
            "statuses": RequestStatus,
        },
    )


@require_http_methods(["GET", "POST"])
@refused_is_404
def request_accept(request, pk: int):
    user = access.request_user(request)
    item = selectors.advice_request_get_visible(user, pk=pk)
    if not access.advice_may_triage(user, item.area_id):
        raise Http404
    lawyers = selectors.lawyers_for(item.area_id)
    form = AcceptForm(
        request.POST or None,
        lawyers=lawyers,
        initial={"version": item.version, "unit": item.recommended_unit_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_request_accept(
                actor=user,
                request=item,
                expected_version=form.cleaned_data["version"],
                unit=form.cleaned_data["unit"],
                lawyer=form.cleaned_data["lawyer"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("advice:detail", pk=item.pk)
    return _render_form(request, "accept.html", form, item=item)


@require_http_methods(["GET", "POST"])
@refused_is_404
def request_decline(request, pk: int):
    user = access.request_user(request)
    item = selectors.advice_request_get_visible(user, pk=pk)
    if not access.advice_may_triage(user, item.area_id):
        raise Http404
    form = DeclineForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_request_decline(
                actor=user,
                request=item,
                expected_version=form.cleaned_data["version"],
                reasons=form.reason_details(),
                police_respond_by=form.cleaned_data["police_respond_by"],
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("advice:detail", pk=item.pk)
    return _render_form(request, "decline.html", form, item=item)


@require_http_methods(["GET", "POST"])
@refused_is_404
def advice_give(request, pk: int):
    user = access.request_user(request)
    item = selectors.advice_request_get_visible(user, pk=pk)
    if not access.advice_may_give(user, item.lawyer_id, item.area_id):
        raise Http404
    form = AdviceForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_give(
                actor=user,
                request=item,
                expected_version=form.cleaned_data["version"],
                given_on=form.cleaned_data["given_on"],
                summary=form.cleaned_data["summary"],
                action_items=form.action_items(),
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("advice:detail", pk=item.pk)
    return _render_form(request, "advice_form.html", form, item=item)


@require_http_methods(["GET", "POST"])
@refused_is_404
def link_case(request, pk: int):
    user = access.request_user(request)
    item = selectors.advice_request_get_visible(user, pk=pk)
    if not access.advice_may_link_case(user, item.area_id):
        raise Http404
    form = LinkCaseForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_request_link_case(
                actor=user,
                request=item,
                expected_version=form.cleaned_data["version"],
                urn=form.cleaned_data["urn"],
                referred_on=form.cleaned_data["referred_on"],
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("advice:detail", pk=item.pk)
    return _render_form(request, "link_case.html", form, item=item)


# --- Joint packs ----------------------------------------------------------------------------


def _months() -> list[tuple[str, str]]:
    first = today().replace(day=1)
    result = []
    for back in range(12):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        value = date(year, month + 1, 1)
        result.append((f"{value:%Y-%m}", f"{value:%B %Y}"))
    return result


def _reviewable_forces(user):
    return PoliceForce.objects.enabled().filter(
        pk__in=[
            f.pk
            for f in PoliceForce.objects.enabled()
            if access.joint_pack_may_review(user, f.area_id)
        ]
    )


@require_http_methods(["GET", "POST"])
@refused_is_404
def joint_list(request):
    user = access.request_user(request)
    access.require(user, Capability.ADVICE_VIEW)
    forces = _reviewable_forces(user)
    form = None
    if forces.exists():
        form = JointPackForm(request.POST or None, forces=forces, months=_months())
        if request.method == "POST" and form.is_valid():
            month = date.fromisoformat(form.cleaned_data["month"] + "-01")
            services.joint_pack_request(
                actor=user, police_force=form.cleaned_data["police_force"], month=month
            )
            return redirect("advice:joint")
    elif request.method == "POST":
        raise Http404
    packs = list(selectors.joint_packs_visible_to(user)[:50])
    if not packs and form is None and not access.can(user, Capability.ADVICE_REQUEST):
        raise Http404
    return render(
        request,
        "advice/joint_list.html",
        {"packs": packs, "form": form, "page_has_errors": bool(form and form.errors)},
        status=400 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET"])
def joint_detail(request, public_id):
    user = access.request_user(request)
    pack = access.get_visible_or_404(selectors.joint_packs_visible_to(user), public_id=public_id)
    body = None
    if pack.frozen_id:
        built = services.joint_pack_download_record(actor=user, pack=pack, file_format="page")
        body = pack_html(built, request=request)
    return render(
        request,
        "advice/joint_detail.html",
        {
            "pack": pack,
            "body": body,
            "may_share": access.joint_pack_may_review(user, pack.area_id)
            and pack.status == pack.Status.READY,
            "definition_href": definition_href,
            "show": show,
        },
    )


@require_POST
@refused_is_404
def joint_share(request, public_id):
    user = access.request_user(request)
    pack = access.get_visible_or_404(selectors.joint_packs_visible_to(user), public_id=public_id)
    try:
        services.joint_pack_share(actor=user, pack=pack)
    except ValidationError as error:
        raise Http404 from error
    return redirect("advice:joint-detail", public_id=pack.public_id)


@require_http_methods(["GET"])
def joint_download(request, public_id):
    user = access.request_user(request)
    pack = access.get_visible_or_404(selectors.joint_packs_visible_to(user), public_id=public_id)
    file_format = request.GET.get("format", "html")
    if file_format not in ("html", "xlsx") or pack.frozen_id is None:
        raise Http404
    built = services.joint_pack_download_record(actor=user, pack=pack, file_format=file_format)
    name = f"msht-joint-pack-{pack.police_force.code}-{pack.month:%Y-%m}"
    if file_format == "xlsx":
        response = HttpResponse(
            workbook_bytes(built),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(pack_html(built, standalone=True, request=request))
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


# --- Partner API keys -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@refused_is_404
def keys(request):
    user = access.request_user(request)
    access.require(user, Capability.API_KEYS_MANAGE)
    form = ApiKeyForm(request.POST or None)
    token = None
    if request.method == "POST" and form.is_valid():
        try:
            _key, token = services.api_key_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            form = ApiKeyForm()
    return _render_form(
        request, "keys.html", form, keys=selectors.api_keys_for(user), token=token, today=today()
    )


@require_POST
@refused_is_404
def key_revoke(request, public_id):
    user = access.request_user(request)
    access.require(user, Capability.API_KEYS_MANAGE)
    key = access.get_visible_or_404(selectors.api_keys_for(user), public_id=public_id)
    services.api_key_revoke(actor=user, key=key)
    return redirect("advice:keys")
