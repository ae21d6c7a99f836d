"""Rendering packs and figures as HTML (print-ready pages and the standalone pack file)."""

from django.template.loader import render_to_string

from .catalogue import MEASURES_BY_ID
from .packs import Pack

DEFINITIONS_PATH = "/performance/definitions"


def definition_href(measure_id: str) -> str:
    return f"{DEFINITIONS_PATH}#{MEASURES_BY_ID[measure_id].anchor}"


def show(value) -> str:
    """A figure as text: thousands separators, one decimal place at most."""
    if isinstance(value, bool) or value is None:
        return "[x]"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    return str(value)


def pack_html(pack: Pack, *, standalone: bool = False, request=None) -> str:
    context = {
        "pack": pack,
        "measures": MEASURES_BY_ID,
        "definition_href": definition_href,
        "show": show,
        "standalone": standalone,
    }
    return render_to_string("insight/pack_print.html", context, request=request)
