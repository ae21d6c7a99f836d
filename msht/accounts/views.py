"""Sign-in, the second factor (verify and enrol), backup codes and sign-out."""

import time
from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from msht.audit.models import Operation
from msht.audit.services import audit_record

from . import services
from .access import passed_second_factor, request_user
from .forms import SIGN_IN_FAILED, CodeForm, EnrolForm, SignInForm
from .middleware import SIGNED_IN_AT

ENROLMENT_DEVICE = "msht_enrolment_device"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=False
    ):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = authenticate(
                request,
                username=form.cleaned_data["email"].lower(),
                password=form.cleaned_data["password"],
            )
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            if user is not None:
                with transaction.atomic():
                    login(request, user)
                    request.session[SIGNED_IN_AT] = time.time()
                    audit_record(
                        actor=user,
                        operation=Operation.SIGN_IN,
                        object_type="user",
                        object_id=user.pk,
                    )
                return redirect(f"/account/two-factor?next={_next_url(request)}")
            # Unknown account and wrong password get the same words, status and page.
            with transaction.atomic():
                audit_record(actor=None, operation=Operation.SIGN_IN_FAILED)
            form.add_error(None, SIGN_IN_FAILED)
        status = 400
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "next": _next_url(request),
            "expired": "expired" in request.GET,
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if passed_second_factor(user):
        return redirect(_next_url(request))
    if not services.has_confirmed_authenticator(user):
        return redirect("accounts:two-factor-set-up")
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            device = _matching_device(user, form.cleaned_data["code"])
            if device is not None:
                with transaction.atomic():
                    otp_login(request, device)
                    audit_record(
                        actor=user,
                        operation=Operation.SECOND_FACTOR,
                        object_type="user",
                        object_id=user.pk,
                        detail={"action": "verified", "method": device.name},
                    )
                return redirect(_next_url(request))
            form.add_error("code", "The security code is not correct or has already been used")
        status = 400
    return render(
        request,
        "accounts/two_factor.html",
        {"form": form, "next": _next_url(request), "page_has_errors": bool(form.errors)},
        status=status,
    )


def _matching_device(user, code: str):
    """The device a code belongs to: 6 digits for the authenticator, 8 for a backup code."""
    devices = (
        TOTPDevice.objects.filter(user=user, confirmed=True)
        if len(code) == 6
        else StaticDevice.objects.filter(user=user, confirmed=True)
    )
    for device in devices:
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return device
    return None


@require_http_methods(["GET", "POST"])
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if passed_second_factor(user):
        return redirect("web:home")
    if services.has_confirmed_authenticator(user):
        # Replacing an authenticator needs the old one first: verify, then set up again.
        return redirect("accounts:two-factor")
    device = TOTPDevice.objects.filter(
        pk=request.session.get(ENROLMENT_DEVICE), user=user, confirmed=False
    ).first()
    if device is None:
        device = services.totp_device_start(user=user)
        request.session[ENROLMENT_DEVICE] = device.pk
    form = EnrolForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if services.totp_device_confirm(
                user=user, device=device, token=form.cleaned_data["code"]
            ):
                otp_login(request, device)
                request.session.pop(ENROLMENT_DEVICE, None)
                codes = services.backup_codes_generate(user=user)
                return render(request, "accounts/backup_codes.html", {"codes": codes})
            form.add_error(
                "code", "The code is not correct. Check the time on your phone and try again"
            )
        status = 400
    return render(
        request,
        "accounts/set_up.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": b32encode(device.bin_key).decode(),
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode().split("?>", 1)[-1]


@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Issue a fresh set of backup codes (the old ones stop working)."""
    if request.method == "POST":
        codes = services.backup_codes_generate(user=request_user(request))
        return render(request, "accounts/backup_codes.html", {"codes": codes})
    return render(request, "accounts/backup_codes_confirm.html", {})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        with transaction.atomic():
            audit_record(
                actor=request.user,
                operation=Operation.SIGN_OUT,
                object_type="user",
                object_id=request.user.pk,
            )
    logout(request)
    return redirect("accounts:sign-in")
