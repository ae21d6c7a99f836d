from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from msht.accounts import access
from msht.accounts.roles import Role

from .home import home_panels


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = access.request_user(request)
    return render(
        request,
        "web/home.html",
        {
            "panels": home_panels(user),
            "role_label": Role(user.role).label,
            "can": lambda capability: access.can(user, capability),
        },
    )


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html", {})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/privacy.html", {})


def _error(request: HttpRequest, status: int, title: str, body: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        # The API's clients read JSON; its OpenAPI document declares these answers.
        return JsonResponse({"detail": title}, status=status)
    return render(request, "errors/error.html", {"title": title, "body": body}, status=status)


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        "Sorry, there is a problem with the request",
        "Check what you entered and try again.",
    )


def forbidden(request, exception=None):
    # Kept for CSRF failures and the like; access decisions answer 404 instead.
    return _error(
        request, 403, "Sorry, this action was refused", "Go back, reload the page and try again."
    )


def not_found(request, exception=None):
    return _error(
        request,
        404,
        "Page not found",
        "If you typed the web address, check it is correct. If you followed a link "
        "to a case or record, it may not exist or you may not have access to it.",
    )


def server_error(request):
    return _error(
        request,
        500,
        "Sorry, there is a problem with the service",
        "Try again later. Nothing you entered has been saved.",
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        "Sorry, your form has expired",
        "Go back, reload the page and submit the form again.",
    )
