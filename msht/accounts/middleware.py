"""Sign-in and a second factor on every page; idle and absolute session expiry."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .access import passed_second_factor

SIGNED_IN_AT = "msht_signed_in_at"
PUBLIC_PREFIXES = ("/assets/", "/healthz", "/account/sign-in", "/accessibility", "/favicon.ico")
SECOND_FACTOR_PREFIXES = ("/account/two-factor", "/account/sign-out")
# Machine access authenticated by the view itself (partner API keys, msht.advice.api).
KEY_AUTH_PREFIXES = ("/api/partner/",)


class SessionExpiryMiddleware:
    """End a session a fixed time after sign-in, however active (idle expiry is the cookie's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if (
                signed_in_at is None
                or time.time() - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                return redirect(f"{reverse('accounts:sign-in')}?expired=1")
        return self.get_response(request)


class SignInRequiredMiddleware:
    """Every page needs a signed-in user who has passed the second factor, unless public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(PUBLIC_PREFIXES) or path.startswith(KEY_AUTH_PREFIXES):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            if path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse({"detail": "Sign in first."}, status=401)
            return redirect(f"{reverse('accounts:sign-in')}?next={path}")
        if not passed_second_factor(user) and not path.startswith(SECOND_FACTOR_PREFIXES):
            return redirect("accounts:two-factor")
        return self.get_response(request)
