from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Pages for signed-in users may hold personal data: never keep them in any cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/assets/"):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
