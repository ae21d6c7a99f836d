"""Performance pages: thin views over selectors, the dashboard builder and the pack services."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from msht.accounts import access
from msht.accounts.roles import Capability

from . import disclosure, periods
from .catalogue import BASES, MEASURES
from .dashboard import build_dashboard
from .forms import DashboardFilterForm, month_text
from .measures import Filters, Scope
from .packs import AREA_PACK, NATIONAL_PACK, diff_packs
from .rendering import definition_href, pack_html, show
from .selectors import dashboard_viewer, frozen_packs_visible_to, public_viewer
from .services import (
    frozen_pack_as_pack,
    pack_build,
    pack_freeze,
    pack_rebuild,
    pack_release_record,
)
from .spreadsheet import workbook_bytes


def _bad_request(request, message: str):
    return render(request, "insight/bad_request.html", {"message": message}, status=400)


def _dashboard(request, viewer, *, fixed_area=None, public=False):
    allow_all = viewer.national and fixed_area is None
    form = DashboardFilterForm(
        request.GET,
        areas=[fixed_area] if fixed_area else viewer.areas,
        allow_all_areas=allow_all,
    )
    if not form.is_valid():
        context = {"form": form, "page_has_errors": True, "viewer": viewer, "public": public}
        return render(request, "insight/dashboard.html", context, status=400)
    cleaned = form.cleaned_data
    area_code = fixed_area.code if fixed_area else cleaned.get("area", "")
    if not viewer.national and viewer.areas and not area_code:
        area_code = viewer.areas[0].code
    month_range = cleaned["range"]
    filters = Filters(
        start=month_range.start_date,
        end=month_range.end_date,
        area=area_code,
        unit=cleaned.get("unit", ""),
        exploitation_type=cleaned.get("exploitation_type", ""),
        offence=cleaned.get("offence", ""),
        basis=cleaned["basis"],
    )
    shown_areas = (
        viewer.areas if not area_code else [a for a in viewer.areas if a.code == area_code]
    )
    dashboard = build_dashboard(
        scope=viewer.scope,
        filters=filters,
        grain=cleaned["grain"],
        audience=viewer.audience,
        areas=shown_areas,
        show_areas=viewer.national and not area_code,
    )
    last = month_range.last
    context = {
        "form": form,
        "viewer": viewer,
        "public": public,
        "dashboard": dashboard,
        "filters": filters,
        "range": month_range,
        "area": fixed_area or next((a for a in viewer.areas if a.code == area_code), None),
        "basis_label": BASES[filters.basis],
        "grain_label": periods.GRAINS[cleaned["grain"]],
        "definition_href": definition_href,
        "show": show,
        "pack_period": f"{month_text(last - 1)}..{month_text(last)}",
        "pack_month": month_text(last),
        "frozen": frozen_packs_visible_to(request.user)[:10] if not public else [],
    }
    return render(request, "insight/dashboard.html", context)


@require_GET
def dashboard(request):
    viewer = dashboard_viewer(request.user)
    return _dashboard(request, viewer)


@require_GET
def area_dashboard(request, code: str):
    viewer = dashboard_viewer(request.user)
    area = next((a for a in viewer.areas if a.code == code), None)
    if area is None:
        raise Http404
    return _dashboard(request, viewer, fixed_area=area)


@require_GET
def scrutiny(request):
    viewer = public_viewer(request.user)
    return _dashboard(request, viewer, public=True)


@require_GET
def definitions(request):
    if not any(
        access.can(request.user, c)
        for c in (
            Capability.PERFORMANCE_VIEW,
            Capability.PARTNER_DATA,
            Capability.PERFORMANCE_PUBLIC,
        )
    ):
        raise Http404
    return render(request, "insight/definitions.html", {"measures": MEASURES, "bases": BASES})


def _pack_request(request):
    """(kind, period, area, audience, scope, recipient) for a pack request, or Http404."""
    source = request.POST if request.method == "POST" else request.GET
    audience = source.get("audience", disclosure.INTERNAL)
    kind = source.get("kind", NATIONAL_PACK)
    area = source.get("area", "")
    period = source.get("period", "")
    user = request.user
    if audience == disclosure.PUBLIC:
        public_viewer(user)
        if kind != NATIONAL_PACK:
            raise ValidationError({"kind": "Public figures are released as the national pack"})
        return kind, period, "", audience, Scope(everything=True), "Public release"
    viewer = dashboard_viewer(user)
    if audience == disclosure.PARTNER or viewer.audience == disclosure.PARTNER:
        if viewer.audience == disclosure.PARTNER:
            force = user.police_force
            return (
                AREA_PACK,
                period,
                force.area.code if force.area else "",
                disclosure.PARTNER,
                viewer.scope,
                f"Police partner: {force.name}",
            )
        # Internal users preparing a partner release.
        recipient = source.get("recipient", "").strip()
        if not recipient:
            raise ValidationError({"recipient": "Enter who the partner figures are for"})
        scope = viewer.scope
        audience = disclosure.PARTNER
    else:
        scope, recipient = viewer.scope, f"Internal: {user.email}"
    if audience not in disclosure.AUDIENCES:
        raise ValidationError({"audience": "Choose internal, partner or public"})
    if kind == NATIONAL_PACK and not viewer.national:
        raise Http404
    if kind == AREA_PACK and area not in {a.code for a in viewer.areas}:
        raise Http404
    if viewer.national:
        scope = Scope(everything=True)
    return kind, period, area, audience, scope, recipient


@require_GET
def pack_download(request):
    file_format = request.GET.get("format", "html")
    if file_format not in ("html", "xlsx"):
        return _bad_request(request, "Choose the format html or xlsx")
    try:
        kind, period, area, audience, scope, recipient = _pack_request(request)
        pack = pack_build(
            kind=kind, period_text=period, scope=scope, audience=audience, area_code=area
        )
    except ValidationError as error:
        return _bad_request(request, "; ".join(error.messages))
    pack_release_record(actor=request.user, pack=pack, file_format=file_format, recipient=recipient)
    name = f"msht-{kind}-pack-{(area or 'national').lower()}-{period.replace('..', '_')}-{audience}"
    if file_format == "xlsx":
        response = HttpResponse(
            workbook_bytes(pack),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return render(
        request, "insight/pack.html", {"body": pack_html(pack, request=request), "pack": pack}
    )


@require_POST
def pack_freeze_view(request):
    if not access.can(request.user, Capability.PERFORMANCE_VIEW):
        raise Http404
    try:
        kind, period, area, audience, scope, _recipient = _pack_request(request)
        pack = pack_build(
            kind=kind,
            period_text=period,
            scope=scope,
            audience=audience,
            area_code=area,
            registered_by=timezone.now(),
        )
    except ValidationError as error:
        return _bad_request(request, "; ".join(error.messages))
    frozen = pack_freeze(actor=request.user, pack=pack)
    return redirect("insight:frozen", public_id=frozen.public_id)


@require_GET
def frozen_detail(request, public_id):
    frozen = access.get_visible_or_404(frozen_packs_visible_to(request.user), public_id=public_id)
    pack = frozen_pack_as_pack(frozen)
    changes = None
    if request.GET.get("compare"):
        rebuilt = pack_rebuild(frozen=frozen)
        changes = diff_packs(pack, rebuilt)
    return render(
        request,
        "insight/frozen.html",
        {
            "frozen": frozen,
            "body": pack_html(pack, request=request),
            "changes": changes,
            "show": show,
        },
    )
