"""The quarterly international report (HTML and XLSX), freezing it, a frozen report with its
digest and a rebuild to compare, and the definitions of the international measures."""

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from msht.accounts import access
from msht.insight.catalogue import INTERNATIONAL_MEASURES, MEASURES_BY_ID
from msht.insight.packs import diff_packs
from msht.insight.rendering import show
from msht.insight.services import frozen_pack_as_pack, pack_freeze, pack_release_record
from msht.reference.dates import long_date, today
from msht.web.jinja import format_datetime

from .. import report
from ..forms import ReportForm
from ..periods import Quarter
from .common import page, require_view

DEFINITIONS = "/international/definitions"


def definition_href(measure_id: str) -> str:
    return f"{DEFINITIONS}#{MEASURES_BY_ID[measure_id].anchor}"


def report_body(pack, request) -> str:
    return render_to_string(
        "international/report_body.html",
        {
            "pack": pack,
            "definition_href": definition_href,
            "show": show,
            "long_date": lambda text: long_date(date.fromisoformat(text)),
            "long_datetime": lambda text: format_datetime(datetime.fromisoformat(text)),
        },
        request=request,
    )


def _quarter(form: ReportForm) -> Quarter | None:
    if not form.is_valid():
        return None
    try:
        return Quarter.parse(form.cleaned_data["quarter"])
    except ValueError as error:
        form.add_error("quarter", str(error))
        return None


@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    require_view(request)
    default = Quarter.containing(today()).previous().text()
    form = ReportForm(request.GET if "quarter" in request.GET else {"quarter": default})
    quarter = _quarter(form)
    file_format = request.GET.get("format", "html")
    if quarter is None or file_format not in ("html", "xlsx"):
        if file_format not in ("html", "xlsx"):
            form.add_error(None, "Choose the format html or xlsx")
        response = page(request, "international/report.html", {"form": form, "pack": None})
        response.status_code = 400
        return response
    pack = report.build_report(quarter=quarter)
    recipient = f"Internal: {access.request_user(request).email}"
    pack_release_record(actor=request.user, pack=pack, file_format=file_format, recipient=recipient)
    if file_format == "xlsx":
        response = HttpResponse(
            report.workbook(pack),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"msht-international-report-{quarter.text().replace(' ', '-').lower()}"
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return page(
        request,
        "international/report.html",
        {
            "form": form,
            "pack": pack,
            "quarter": quarter,
            "body": report_body(pack, request),
            "frozen": list(report.frozen_reports()[:20]),
            "can_freeze": access.international_may_edit(request.user),
        },
    )


@require_POST
def report_freeze(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "international.edit")
    form = ReportForm(request.POST)
    quarter = _quarter(form)
    if quarter is None:
        response = page(request, "international/report.html", {"form": form, "pack": None})
        response.status_code = 400
        return response
    pack = report.build_report(quarter=quarter, registered_by=timezone.now())
    frozen = pack_freeze(actor=request.user, pack=pack)
    return redirect("international:frozen", public_id=frozen.public_id)


@require_GET
def frozen_detail(request: HttpRequest, public_id) -> HttpResponse:
    require_view(request)
    frozen = access.get_visible_or_404(report.frozen_reports(), public_id=public_id)
    pack = frozen_pack_as_pack(frozen)
    changes = rebuilt_digest = None
    if request.GET.get("compare"):
        rebuilt = report.report_rebuild(frozen=frozen)
        changes = diff_packs(pack, rebuilt)
        rebuilt_digest = rebuilt.figures_digest()
    return page(
        request,
        "international/frozen.html",
        {
            "frozen": frozen,
            "body": report_body(pack, request),
            "changes": changes,
            "rebuilt_digest": rebuilt_digest,
            "show": show,
        },
    )


@require_GET
def definitions(request: HttpRequest) -> HttpResponse:
    require_view(request)
    return page(request, "international/definitions.html", {"measures": INTERNATIONAL_MEASURES})
