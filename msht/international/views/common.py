"""Helpers shared by the international views."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from msht.accounts import access
from msht.cases.forms import apply_errors
from msht.reference.models import Nationality

from ..validation import InternationalPermissionDenied


def page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    form = context.get("form")
    has_errors = bool(form is not None and form.errors)
    context.setdefault("page_has_errors", has_errors)
    status = 400 if has_errors and request.method == "POST" else 200
    return render(request, template, context, status=status)


def form_page(request, form, *, title: str, caption: str, back: str, **extra) -> HttpResponse:
    return page(
        request,
        "international/form.html",
        {"form": form, "title": title, "caption": caption, "back": back, **extra},
    )


def require_view(request) -> None:
    if not access.international_sees_nationally(request.user):
        access.require(request.user, "international.view")


def require_edit(request) -> None:
    access.require(request.user, "international.edit")


def refusals_as_404(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except InternationalPermissionDenied as error:
            raise Http404 from error

    return wrapped


def save(form, call: Callable) -> Any:
    """Run a service; put its ValidationError on the form and return None."""
    try:
        return call()
    except ValidationError as error:
        apply_errors(form, error)
        return None


def country(code: str | None) -> Nationality | None:
    if not code:
        return None
    return Nationality.objects.filter(code=code).first()
