"""Who is acting in the current request, for audit records made deep in shared code."""

from contextvars import ContextVar
from typing import Any

_actor: ContextVar[Any] = ContextVar("msht_audit_actor", default=None)


def current_actor() -> Any:
    return _actor.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _actor.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)
