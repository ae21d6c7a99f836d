"""Markdown to safe HTML for hub content, and the plain text that search indexes.

Two layers: markdown-it-py with raw HTML switched off (so `<script>` in the source is shown as
text) and its link validator (no `javascript:`, `vbscript:`, `file:` or `data:` links); then nh3,
an allow-list sanitiser, so only the tags and attributes below can ever reach a page.
"""

import html
import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Headings in the body sit under the page's <h1>: shift every level down by one (h1 -> h2).
_HEADING_SHIFT = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    return md


_MD = _parser()


def render_markdown(source: str) -> str:
    """Sanitised HTML for the Markdown `source`."""
    tokens = _MD.parse(source or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_SHIFT.get(token.tag, token.tag)
    raw = _MD.renderer.render(tokens, _MD.options, {})
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|pre|blockquote|tr|td|th)>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def plain_text(rendered_html: str) -> str:
    """The words of already-rendered HTML, for the search index and snippets."""
    spaced = _BLOCK_END.sub(lambda match: match.group(0) + "\n", rendered_html)
    text = html.unescape(nh3.clean(spaced, tags=set()))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
