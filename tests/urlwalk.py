"""Every URL pattern of the service, with sample arguments, for tests that must cover them all."""

import uuid

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLES = {"int": "1", "str": "x", "slug": "x", "uuid": str(uuid.uuid4()), "path": "x"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _fill(route: str) -> str:
    import re

    def sample(match):
        converter = match.group(1) or "str"
        return SAMPLES.get(converter, "1")

    route = re.sub(r"<(?:(\w+):)?\w+>", sample, route)
    route = route.replace("^", "").replace("$", "")
    return "/" + route


def all_paths() -> list[str]:
    return sorted({_fill(route) for route, _ in _walk(get_resolver().url_patterns)})
