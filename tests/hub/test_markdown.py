"""Markdown renders inert: no script, no event handlers, no javascript: links reach a page."""

from html.parser import HTMLParser

import pytest

from msht.accounts.roles import Role
from msht.hub.markdown import plain_text, render_markdown

from .factories import make_item

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pic](javascript:alert(1))",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://example.test"></iframe>',
    "<style>body{display:none}</style>",
    '[x](https://example.test "t" onmouseover="alert(1)")',
    '<div style="background:url(javascript:alert(1))">x</div>',
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _inert(html: str) -> None:
    """No executable tag, no event handler or style attribute, no link but http(s)/mailto."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "img", "svg", "iframe", "style", "object", "embed"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in {"href", "src", "action", "formaction"}:
                scheme = (value or "").split(":", 1)[0].lower() if ":" in (value or "") else ""
                assert scheme in {"", "http", "https", "mailto"}, (tag, value)


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_inert(source):
    _inert(render_markdown(source))


def test_ordinary_markdown_keeps_its_structure():
    html = render_markdown("# Heading\n\n**bold** and [GOV.UK](https://www.gov.uk)\n\n- one\n")
    assert "<h2>Heading</h2>" in html  # body headings sit below the page's h1
    assert "<strong>bold</strong>" in html
    assert '<a href="https://www.gov.uk" rel="noopener noreferrer">GOV.UK</a>' in html
    assert "<li>one</li>" in html


def test_plain_text_for_search_has_no_tags():
    assert plain_text(render_markdown("## A\n\nSome **bold** text")) == "A\nSome bold text"


@pytest.mark.django_db
def test_hostile_item_page_is_inert(client_for, user_for_role):
    item = make_item(body="\n\n".join(HOSTILE), title="Hostile <script>alert(2)</script>")
    response = client_for(user_for_role(Role.PROSECUTOR)).get(f"/hub/items/{item.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    _inert(main)
    assert "Hostile &lt;script&gt;alert(2)&lt;/script&gt;" in main
