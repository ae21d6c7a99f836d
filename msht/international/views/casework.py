"""International casework: the national list, MLA, extradition and JIT records, the case tab,
and turning a record into a draft hub item."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msht.accounts import access
from msht.accounts.roles import Capability
from msht.cases.selectors import case_get_visible
from msht.cases.tabs import case_tabs
from msht.reference.dates import today
from msht.reference.models import Nationality

from .. import casework_services as services
from .. import figures, forms, selectors
from ..models import EXTRADITION_CONCLUDED, MLA_CONCLUDED
from .common import country, form_page, page, refusals_as_404, require_edit, require_view, save

KINDS = {
    "mla": ("Mutual legal assistance request", "mla_request"),
    "extradition": ("Extradition request", "extradition"),
    "jit": ("Joint investigation team", "jit"),
}


@require_GET
def casework_list(request: HttpRequest) -> HttpResponse:
    require_view(request)
    user = request.user
    outstanding_only = request.GET.get("show") == "outstanding"
    mla = selectors.mla_visible_to(user)
    extraditions = selectors.extraditions_visible_to(user)
    if outstanding_only:
        mla = mla.exclude(status__in=MLA_CONCLUDED)
        extraditions = extraditions.exclude(status__in=EXTRADITION_CONCLUDED)
    as_at = today()
    context: dict[str, Any] = {
        "mla": [(r, figures.mla_delay(r, as_at=as_at)) for r in mla[:200]],
        "extraditions": list(extraditions[:200]),
        "jits": list(selectors.jits_visible_to(user).prefetch_related("partner_countries")[:200]),
        "outstanding_only": outstanding_only,
        "can_edit": access.international_may_edit(user),
    }
    selectors.consultation_record(
        actor=user,
        object_type="international_casework",
        ids=[f"mla:{r.pk}" for r, _ in context["mla"]]
        + [f"extradition:{r.pk}" for r in context["extraditions"]]
        + [f"jit:{r.pk}" for r in context["jits"]],
        detail={"show": "outstanding" if outstanding_only else "all"},
    )
    return page(request, "international/casework_list.html", context)


def _get(request, kind: str, pk: int):
    if kind not in KINDS:
        raise Http404
    queryset = {
        "mla": selectors.mla_visible_to,
        "extradition": selectors.extraditions_visible_to,
        "jit": selectors.jits_visible_to,
    }[kind](request.user)
    return access.get_visible_or_404(queryset, pk=pk)


@require_GET
def record_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _get(request, kind, pk)
    label, object_type = KINDS[kind]
    cases = selectors.linked_cases(request.user, record)
    selectors.consultation_record(
        actor=request.user,
        object_type=object_type,
        ids=[record.pk],
        detail={"cases": [c.pk for c in cases]},
    )
    return page(
        request,
        "international/record.html",
        {
            "record": record,
            "kind": kind,
            "label": label,
            "cases": cases,
            "can_see_cases": access.can(request.user, Capability.CASE_VIEW),
            "delay": figures.mla_delay(record, as_at=today()) if kind == "mla" else None,
            "can_edit": access.international_may_edit(request.user),
            "can_draft": kind in ("mla", "jit") and access.can(request.user, Capability.HUB_WRITE),
        },
    )


def _urns(form) -> list[str]:
    return forms.split_urns(form.cleaned_data.get("case_urns", ""))


@require_http_methods(["GET", "POST"])
@refusals_as_404
def mla_new(request: HttpRequest) -> HttpResponse:
    require_edit(request)
    form = forms.MlaForm(request.POST or None, initial={"case_urns": request.GET.get("urn", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = save(
            form,
            lambda: services.mla_request_record(
                actor=request.user,
                case_urns=_urns(form),
                direction=data["direction"],
                country=country(data["country"]),
                sent_on=data["sent_on"],
                asked=data["asked"],
                status=data["status"],
                concluded_on=data["concluded_on"],
            ),
        )
        if record is not None:
            return redirect("international:record", kind="mla", pk=record.pk)
    return form_page(
        request,
        form,
        title="Record a mutual legal assistance request",
        caption="International casework",
        back=reverse("international:casework"),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def mla_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _get(request, "mla", pk)
    require_edit(request)
    initial = {
        "version": record.version,
        "status": record.status,
        "concluded_on": record.concluded_on,
        "asked": record.asked,
    }
    form = forms.MlaUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = save(
            form,
            lambda: services.mla_request_update(
                actor=request.user,
                request=record,
                expected_version=data["version"],
                status=data["status"],
                concluded_on=data["concluded_on"],
                asked=data["asked"],
            ),
        )
        if done is not None:
            return redirect("international:record", kind="mla", pk=pk)
    return form_page(
        request,
        form,
        title="Update the request",
        caption=str(record),
        back=reverse("international:record", args=["mla", pk]),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def extradition_new(request: HttpRequest) -> HttpResponse:
    require_edit(request)
    form = forms.ExtraditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = save(
            form,
            lambda: services.extradition_record(
                actor=request.user,
                case_urns=_urns(form),
                direction=data["direction"],
                country=country(data["country"]),
                requested_on=data["requested_on"],
                status=data["status"],
                concluded_on=data["concluded_on"],
                notes=data["notes"],
            ),
        )
        if record is not None:
            return redirect("international:record", kind="extradition", pk=record.pk)
    return form_page(
        request,
        form,
        title="Record an extradition request",
        caption="International casework",
        back=reverse("international:casework"),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def extradition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _get(request, "extradition", pk)
    require_edit(request)
    initial = {
        "version": record.version,
        "status": record.status,
        "concluded_on": record.concluded_on,
        "notes": record.notes,
    }
    form = forms.ExtraditionUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = save(
            form,
            lambda: services.extradition_update(
                actor=request.user,
                record=record,
                expected_version=data["version"],
                status=data["status"],
                concluded_on=data["concluded_on"],
                notes=data["notes"],
            ),
        )
        if done is not None:
            return redirect("international:record", kind="extradition", pk=pk)
    return form_page(
        request,
        form,
        title="Update the extradition request",
        caption=str(record),
        back=reverse("international:record", args=["extradition", pk]),
    )


def _jit_details(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "partner_countries": list(Nationality.objects.filter(code__in=form.partner_codes())),
        "agency": data["agency"],
        "eurojust_funding": data["eurojust_funding"],
        "started_on": data["started_on"],
        "ended_on": data["ended_on"],
    }


@require_http_methods(["GET", "POST"])
@refusals_as_404
def jit_new(request: HttpRequest) -> HttpResponse:
    require_edit(request)
    form = forms.JitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record = save(
            form,
            lambda: services.jit_record(
                actor=request.user, case_urns=_urns(form), **_jit_details(form)
            ),
        )
        if record is not None:
            return redirect("international:record", kind="jit", pk=record.pk)
    return form_page(
        request,
        form,
        title="Record a joint investigation team",
        caption="International casework",
        back=reverse("international:casework"),
    )


@require_http_methods(["GET", "POST"])
@refusals_as_404
def jit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    jit = _get(request, "jit", pk)
    require_edit(request)
    partners = list(jit.partner_countries.values_list("code", flat=True))[:3]
    initial = {
        "version": jit.version,
        "name": jit.name,
        "agency": jit.agency,
        "eurojust_funding": jit.eurojust_funding,
        "started_on": jit.started_on,
        "ended_on": jit.ended_on,
        **{f"partner_{i + 1}": code for i, code in enumerate(partners)},
    }
    form = forms.JitUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = save(
            form,
            lambda: services.jit_update(
                actor=request.user,
                jit=jit,
                expected_version=form.cleaned_data["version"],
                **_jit_details(form),
            ),
        )
        if done is not None:
            return redirect("international:record", kind="jit", pk=pk)
    return form_page(
        request,
        form,
        title="Change the joint investigation team",
        caption=str(jit),
        back=reverse("international:record", args=["jit", pk]),
    )


@require_POST
@refusals_as_404
def learning_draft(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in ("mla", "jit"):
        return redirect("international:record", kind=kind, pk=pk)
    record = _get(request, kind, pk)
    item = services.learning_draft(actor=request.user, record=record)
    return redirect("hub:item", pk=item.pk)


@require_GET
def case_tab(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(request.user, pk=pk)
    work = selectors.case_international_work(case)
    as_at = today()
    selectors.consultation_record(
        actor=request.user,
        object_type="case_international",
        ids=[case.pk],
        detail={k: [r.pk for r in v] for k, v in work.items()},
    )
    return page(
        request,
        "international/case_tab.html",
        {
            "case": case,
            "tabs": case_tabs(case.pk, "international"),
            "current_tab": "international",
            "mla": [(r, figures.mla_delay(r, as_at=as_at)) for r in work["mla"]],
            "extraditions": work["extraditions"],
            "jits": work["jits"],
        },
    )
