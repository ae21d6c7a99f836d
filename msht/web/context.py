from django.conf import settings

from msht.accounts import access

from .navigation import navigation_for


def shell(request) -> dict:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated and access.passed_second_factor(user))
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "signed_in": signed_in,
        "navigation": navigation_for(user, request.path) if signed_in else [],
        # Names the GOV.UK page template reads.
        "cspNonce": str(request.csp_nonce) if hasattr(request, "csp_nonce") else "",
        "assetPath": "/assets/govuk/assets",
        "htmlLang": "en-GB",
    }
