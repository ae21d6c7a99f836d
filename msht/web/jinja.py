"""The Jinja2 environment: our templates first, then the GOV.UK Frontend macros."""

from datetime import date, datetime

from django.conf import settings
from django.contrib.messages import get_messages
from django.template.backends.jinja2 import Jinja2 as DjangoJinja2
from django.templatetags.static import static
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def format_date(value, fmt: str = "%-d %B %Y") -> str:
    """GOV.UK style dates: 5 January 2024."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if isinstance(value, (date, datetime)):
        return value.strftime(fmt)
    return str(value)


def format_datetime(value) -> str:
    return format_date(value, "%-d %B %Y at %H:%M")


def format_number(value) -> str:
    if value is None:
        return ""
    return f"{value:,}"


def environment(**options) -> Environment:
    # Django passes a loader for DIRS and each app's jinja2/ folder; add the GOV.UK macros.
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "SERVICE_NAME": settings.SERVICE_NAME,
        }
    )
    env.filters.update({"date": format_date, "datetime": format_datetime, "number": format_number})
    return env


class Jinja2(DjangoJinja2):
    """Django's Jinja2 backend, announcing each render like Django templates do.

    Django's test client records `response.context` from the `template_rendered` signal, which
    only Django's own template engine sends; sending it here lets tests read the context.
    """

    def get_template(self, template_name):
        return _SignallingTemplate(super().get_template(template_name))


class _SignallingTemplate:
    def __init__(self, template):
        self._template = template
        self.origin = template.origin
        self.name = template.template.name

    def render(self, context=None, request=None):
        rendered = self._template.render(context, request)
        template_rendered.send(sender=self, template=self, context=context or {})
        return rendered
