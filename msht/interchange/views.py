"""Data pages: the landing page, uploads with progress, reports, templates and exports."""

import tempfile
from pathlib import Path

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from msht.accounts import access
from msht.accounts.roles import Capability

from . import progress as progress_store
from .forms import ImportForm
from .kinds import all_kinds, get_kind
from .readers import FileRefused, check_xlsx_archive, detect_format
from .report import write_report_csv
from .selectors import batches_visible_to
from .services import import_batch_create
from .tasks import run_import_batch
from .templates import template_csv


def _require_any(user, *capabilities: str) -> None:
    if not any(access.can(user, capability) for capability in capabilities):
        raise Http404


def home(request):
    user = request.user
    _require_any(user, Capability.DATA_IMPORT, Capability.DATA_EXPORT)
    can_import = access.can(user, Capability.DATA_IMPORT)
    return render(
        request,
        "interchange/home.html",
        {
            "can_import": can_import,
            "can_export": access.can(user, Capability.DATA_EXPORT),
            "kinds": all_kinds() if can_import else [],
            "batches": list(batches_visible_to(user)[:10]) if can_import else [],
            "export_links": _export_links(user),
        },
    )


@require_http_methods(["GET", "POST"])
def upload(request):
    access.require(request.user, Capability.DATA_IMPORT)
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload"
            with path.open("wb") as handle:
                for piece in upload_file.chunks():
                    handle.write(piece)
            try:
                if detect_format(path) == "xlsx":
                    check_xlsx_archive(path)
            except FileRefused as refusal:
                form.add_error("file", refusal.message)
            else:
                mode = form.cleaned_data["mode"]
                batch = import_batch_create(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    path=path,
                    file_name=upload_file.name,
                    simulate=mode == "simulate",
                    valid_rows_only=mode == "valid",
                )
                run_import_batch.enqueue(batch.pk, form.cleaned_data["period"])
                return redirect("interchange:batch", public_id=batch.public_id)
    status = 400 if form.errors else 200
    return render(
        request,
        "interchange/upload.html",
        {"form": form, "page_has_errors": bool(form.errors)},
        status=status,
    )


def _batch_or_404(request, public_id):
    access.require(request.user, Capability.DATA_IMPORT)
    return access.get_visible_or_404(batches_visible_to(request.user), public_id=public_id)


def batch_detail(request, public_id):
    batch = _batch_or_404(request, public_id)
    progress = progress_store.read_progress(batch.public_id) or {}
    stale = (
        not batch.is_finished
        and batch.started_at is not None
        and progress_store.is_stale(batch.public_id, batch.started_at.timestamp())
    )
    return render(
        request,
        "interchange/batch.html",
        {
            "batch": batch,
            "progress": progress,
            "percent": int((progress.get("fraction") or 0) * 100),
            "stale": stale,
            "refresh": not batch.is_finished and not stale,
            "errors": batch.errors[:100],
        },
    )


def batch_report(request, public_id):
    batch = _batch_or_404(request, public_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-report-{batch.public_id}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSVs correctly only with a BOM
    write_report_csv(batch, response)
    return response


def template_download(request, kind):
    access.require(request.user, Capability.DATA_IMPORT)
    try:
        import_kind = get_kind(kind)
    except KeyError as error:
        raise Http404 from error
    response = HttpResponse(template_csv(import_kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{import_kind.name}-template.csv"'
    return response


def _export_links(user) -> list[dict]:
    from django.urls import NoReverseMatch, reverse

    if not access.can(user, Capability.DATA_EXPORT):
        return []
    links = []
    for name, text in (
        ("interchange:export", "Export a case list (CSV or Excel)"),
        ("interchange:htcds", "HTCDS record-level export for data collaboratives"),
    ):
        try:
            links.append({"href": reverse(name), "text": text})
        except NoReverseMatch:
            continue
    return links


@require_http_methods(["GET", "POST"])
def export_cases(request):
    from msht.cases.selectors import cases_visible_to

    from .exports import case_list_export
    from .forms import CaseExportForm

    access.require(request.user, Capability.DATA_EXPORT)
    form = CaseExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content, _count = case_list_export(
            actor=request.user,
            cases=cases_visible_to(request.user),
            file_format=data["file_format"],
            recipient=data["recipient"],
            purpose=data["purpose"],
        )
        types = {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
        response = HttpResponse(content, content_type=types[data["file_format"]])
        response["Content-Disposition"] = f'attachment; filename="cases.{data["file_format"]}"'
        return response
    return render(
        request,
        "interchange/export.html",
        {
            "form": form,
            "page_has_errors": bool(form.errors),
            "title": "Export a case list",
            "intro": "The export holds every case you can see. It is recorded in the audit trail "
            "as a disclosure, with who it is for and why.",
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def export_htcds(request):
    from msht.victims.selectors import victims_visible_to

    from .forms import DisclosureForm
    from .htcds import htcds_export

    access.require(request.user, Capability.DATA_EXPORT)
    form = DisclosureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        content, release = htcds_export(
            actor=request.user,
            victims=victims_visible_to(request.user),
            recipient=form.cleaned_data["recipient"],
            purpose=form.cleaned_data["purpose"],
        )
        if request.POST.get("report") == "yes":
            return render(request, "interchange/htcds_report.html", {"release": release})
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="htcds-v2-k11.csv"'
        return response
    return render(
        request,
        "interchange/export.html",
        {
            "form": form,
            "page_has_errors": bool(form.errors),
            "title": "HTCDS export for a data collaborative",
            "intro": "One record per victim you can see, in the Human Trafficking Case Data "
            "Standard v2 fields with forced criminality added, generalised and suppressed "
            "so every combination of year, age, gender, nationality and area describes "
            "at least 11 people. It is recorded in the audit trail as a disclosure.",
            "htcds": True,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def export_case_record(request, pk):
    from msht.cases.selectors import case_get_visible
    from msht.cases.tabs import case_tabs

    from .forms import CaseRecordExportForm
    from .record_export import case_record_export

    access.require(request.user, Capability.DATA_EXPORT)
    case = case_get_visible(request.user, pk=pk)
    sees_identities = access.sees_identities(request.user)
    form = CaseRecordExportForm(
        request.POST if request.method == "POST" else None, sees_identities=sees_identities
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content = case_record_export(
            actor=request.user,
            case=case,
            file_format=data["file_format"],
            recipient=data["recipient"],
            purpose=data["purpose"],
            include_identities=bool(data.get("include_identities")),
        )
        types = {
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
        response = HttpResponse(content, content_type=types[data["file_format"]])
        response["Content-Disposition"] = (
            f'attachment; filename="case-{case.urn}.{data["file_format"]}"'
        )
        return response
    return render(
        request,
        "interchange/case_export.html",
        {
            "case": case,
            "tabs": case_tabs(case.pk, "export"),
            "current_tab": "export",
            "form": form,
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )
