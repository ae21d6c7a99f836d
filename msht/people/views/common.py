from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse

from msht.accounts import access

from ..services import PeoplePermissionDenied


def needs(*capabilities: str) -> Callable:
    """404 for anyone without one of the capabilities; a service refusal is a 404 as well."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if capabilities and not any(access.can(request.user, c) for c in capabilities):
                access.require(request.user, capabilities[0])
            try:
                return view(request, *args, **kwargs)
            except PeoplePermissionDenied as error:
                raise Http404 from error

        return wrapper

    return decorator


def apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def signed_in(view: Callable) -> Callable:
    """For pages about the user's own work: anyone signed in, refusals still a 404."""
    return needs()(view)
