"""Search: ranked, highlighted, filtered, and the same on SQLite and PostgreSQL.

These tests run on whichever database DATABASE_URL names; the suite is run on both.
"""

from html.parser import HTMLParser

import pytest
from django.db import connection

from msht.accounts.roles import Role
from msht.hub.models import Item
from msht.hub.search import search_terms
from msht.hub.selectors import SearchFilters, items_search

from .factories import make_item

pytestmark = pytest.mark.django_db

S28 = "pre-recorded cross-examination"


@pytest.fixture
def reader(user_for_role):
    return user_for_role(Role.PROSECUTOR)


@pytest.fixture
def corpus():
    """Items where the phrase sits in the title, in the body only, in part, or not at all."""
    return {
        "title": make_item(
            title="Pre-recorded cross-examination for a trafficked witness",
            summary="How an early s28 application kept the witness giving evidence.",
            body="The lawyer applied at the first hearing for special measures.",
            tags={
                "legal_issues": ["SPECIAL-MEASURES"],
                "exploitation_types": ["LABOUR"],
                "areas": ["WEST-MIDLANDS"],
            },
        ),
        "body": make_item(
            title="Domestic servitude: conviction after the victim withdrew",
            summary="Neighbours and messages secured the convictions.",
            body="Pre-recorded cross-examination was considered but refused; hearsay was "
            "admitted instead.",
            tags={
                "legal_issues": ["HEARSAY-BAD-CHARACTER"],
                "exploitation_types": ["DOMESTIC"],
                "areas": ["NORTH-WEST"],
            },
        ),
        "partial": make_item(
            title="Cross-examination of defendants on bad character",
            summary="Not about recorded evidence.",
            body="Bad character applications in trafficking trials.",
            tags={"legal_issues": ["HEARSAY-BAD-CHARACTER"]},
        ),
        "other": make_item(
            title="The section 45 defence",
            summary="Who must prove what.",
            body="The defence for victims who commit an offence.",
            tags={
                "legal_issues": ["S45-DEFENCE"],
                "msa_sections": ["S45"],
                "exploitation_types": ["CRIMINAL"],
            },
        ),
        "draft": make_item(status="draft", title="Pre-recorded cross-examination draft"),
        "archived": make_item(status="archived", title="Pre-recorded cross-examination, old"),
    }


def _elements(html: str) -> list:
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Parser().feed(html)
    return found


def _titles(page):
    return [result.item.title for result in page.object_list]


def test_phrase_finds_title_match_first_then_body_match_only(reader, corpus):
    page = items_search(user=reader, query=S28)
    ids = [result.item.pk for result in page.object_list]
    assert ids == [corpus["title"].pk, corpus["body"].pk], _titles(page)
    assert page.paginator.count == 2
    ranks = [result.rank for result in page.object_list]
    assert ranks[0] > ranks[1] > 0


def test_snippets_highlight_the_matched_words(reader, corpus):
    page = items_search(user=reader, query=S28)
    body_hit = page.object_list[1]
    assert '<mark class="msht-mark">Pre</mark>-<mark class="msht-mark">recorded</mark>' in str(
        body_hit.snippet
    )
    assert '<mark class="msht-mark">cross</mark>' in str(body_hit.snippet)


def test_stemming_and_case(reader, corpus):
    page = items_search(user=reader, query="PRE-RECORD CROSS-EXAMINATIONS")
    assert [r.item.pk for r in page.object_list][:2] == [corpus["title"].pk, corpus["body"].pk]


def test_every_word_is_required_and_stop_words_are_ignored(reader, corpus):
    assert [
        r.item.pk for r in items_search(user=reader, query="the section 45 defence").object_list
    ] == [corpus["other"].pk]
    assert items_search(user=reader, query="defence unicorns").paginator.count == 0


def test_tags_are_searchable(reader, corpus):
    page = items_search(user=reader, query="domestic servitude")
    assert corpus["body"].pk in [r.item.pk for r in page.object_list]
    page = items_search(user=reader, query="hearsay")
    assert {r.item.pk for r in page.object_list} == {corpus["body"].pk, corpus["partial"].pk}


def test_drafts_and_archived_items_are_never_found(reader, corpus):
    found = {r.item.pk for r in items_search(user=reader, query="pre recorded").object_list}
    assert corpus["draft"].pk not in found and corpus["archived"].pk not in found
    editor_found = {
        r.item.pk
        for r in items_search(
            user=corpus["draft"].published_by or reader, query="draft"
        ).object_list
    }
    assert corpus["draft"].pk not in editor_found


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(legal_issue="SPECIAL-MEASURES"), ["title"]),
        (SearchFilters(exploitation_type="DOMESTIC"), ["body"]),
        (SearchFilters(area="NORTH-WEST"), ["body"]),
        (SearchFilters(area="LONDON-SOUTH"), []),
        (SearchFilters(kind="case_study", legal_issue="HEARSAY-BAD-CHARACTER"), ["body"]),
        (SearchFilters(kind="lesson"), []),
    ],
)
def test_filters_narrow_a_search(reader, corpus, filters, expected):
    page = items_search(user=reader, query=S28, filters=filters)
    assert [r.item.pk for r in page.object_list] == [corpus[key].pk for key in expected]


def test_filters_without_words_list_newest_first(reader, corpus):
    page = items_search(user=reader, filters=SearchFilters(legal_issue="HEARSAY-BAD-CHARACTER"))
    assert [r.item.pk for r in page.object_list] == [corpus["partial"].pk, corpus["body"].pk]
    assert page.object_list[0].rank is None


def test_msa_section_filter(reader, corpus):
    page = items_search(user=reader, query="defence", filters=SearchFilters(msa_section="S45"))
    assert [r.item.pk for r in page.object_list] == [corpus["other"].pk]


def test_snippet_escapes_content_before_marking(reader):
    item = make_item(
        title="Escaping",
        body='Trafficking <script>alert("x")</script> & '
        "<b onmouseover=alert(1)>bold</b> trafficking again.",
    )
    result = items_search(user=reader, query="trafficking").object_list[0]
    assert result.item.pk == item.pk
    snippet = str(result.snippet)
    # The only elements in a snippet are the highlight marks (PostgreSQL's headline drops the
    # tag-like text; SQLite's snippet keeps it, escaped).
    assert _elements(snippet) == [("mark", [("class", "msht-mark")])] * 2
    assert "<script" not in snippet and "<b " not in snippet


def test_markers_typed_by_an_author_cannot_inject_markup(reader):
    make_item(title="Marker", body="Trafficking \ue000<i>x</i>\ue001 and \ue000 alone")
    snippet = str(items_search(user=reader, query="trafficking").object_list[0].snippet)
    assert "<i>" not in snippet
    assert {tag for tag, _ in _elements(snippet)} == {"mark"}
    assert snippet.count("<mark") == snippet.count("</mark>")


def test_editing_an_item_reindexes_it(reader):
    from msht.hub import services

    item = make_item(title="Gangmaster licensing", body="Labour providers.")
    assert items_search(user=reader, query="gangmaster").paginator.count == 1
    services.item_update(
        actor=item.published_by,
        item=item,
        kind=item.kind,
        title="Reparation orders",
        summary=item.summary,
        body=item.body,
    )
    assert items_search(user=reader, query="gangmaster").paginator.count == 0
    assert items_search(user=reader, query="reparation").paginator.count == 1


def test_pagination_of_ranked_results(reader):
    for number in range(25):
        make_item(title=f"Labour exploitation note {number}", body="Forced labour.")
    first = items_search(user=reader, query="labour", per_page=10)
    third = items_search(user=reader, query="labour", page=3, per_page=10)
    assert first.paginator.count == 25 and first.paginator.num_pages == 3
    assert len(first.object_list) == 10 and len(third.object_list) == 5
    assert not {r.item.pk for r in first.object_list} & {r.item.pk for r in third.object_list}
    # A page past the end gives the last page, as elsewhere in the service.
    assert items_search(user=reader, query="labour", page=99, per_page=10).number == 3


def test_readers_without_the_hub_find_nothing(user_for_role, corpus):
    assert items_search(user=user_for_role(Role.POLICE_PARTNER), query=S28).paginator.count == 0


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("pre-recorded cross-examination", ["pre", "recorded", "cross", "examination"]),
        ("The s45 DEFENCE", ["s45", "defence"]),
        ("'; DROP TABLE hub_item; --", ["drop", "table", "hub", "item"]),
        ('"unbalanced OR NEAR(', ["unbalanced", "near"]),
        ("", []),
    ],
)
def test_query_words(query, terms):
    assert search_terms(query) == terms


def test_fts_syntax_in_queries_is_harmless(reader, corpus):
    for query in ['"', "NEAR(a b)", "title:pre", "pre*", "a OR b", "-x", "AND", "(", "^"]:
        items_search(user=reader, query=query)  # must not raise


def test_search_index_is_installed_on_this_database():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'hub_item'"
            )
            assert {row[0] for row in cursor.fetchall()} >= {
                "hub_item_fts_insert",
                "hub_item_fts_update",
                "hub_item_fts_delete",
            }
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'hub_item'")
            assert any(
                "gin" in row[0].lower() and "search_vector" in row[0] for row in cursor.fetchall()
            )
        assert Item.objects.count() == 0


def test_index_follows_publication_and_archiving(reader):
    from msht.hub import services

    item = make_item(status="in_review", title="Gangmaster licensing")
    assert items_search(user=reader, query="gangmaster").paginator.count == 0
    editor_user = item.author
    from .factories import editor

    services.item_publish(
        actor=editor(),
        item=item,
        review_by=item.created_at.date().replace(year=item.created_at.year + 1),
    )
    assert items_search(user=reader, query="gangmaster").paginator.count == 1
    services.item_update(
        actor=editor(),
        item=item,
        kind=item.kind,
        title="Gangmaster licences",
        summary=item.summary,
        body=item.body,
    )
    assert items_search(user=reader, query="licences").paginator.count == 1
    services.item_archive(actor=editor(), item=item, reason="old")
    assert items_search(user=reader, query="gangmaster").paginator.count == 0
    assert editor_user.pk
    if connection.vendor == "sqlite":  # the external-content index agrees with its table
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO hub_item_fts(hub_item_fts) VALUES ('integrity-check')")


def test_broad_queries_rank_the_newest_matches_and_say_more_than(reader, monkeypatch):
    """Past RESULT_CAP matches only the newest RESULT_CAP are ranked and the count says so."""
    from msht.hub import search

    monkeypatch.setattr(search, "RESULT_CAP", 5)
    oldest_title_match = make_item(title="Labour exploitation", body="Forced labour.")
    newer = [make_item(title=f"Note {n}", body="Forced labour on a farm.") for n in range(6)]
    page = items_search(user=reader, query="labour", per_page=3)
    assert page.paginator.capped and page.paginator.count == 5
    assert page.paginator.num_pages == 2
    found = {r.item.pk for r in items_search(user=reader, query="labour", per_page=10).object_list}
    assert found == {item.pk for item in newer[1:]}
    assert oldest_title_match.pk not in found
    # Filtered: the cap applies to the filtered matches.
    page = items_search(user=reader, query="labour", filters=SearchFilters(kind="lesson"))
    assert not page.paginator.capped and page.paginator.count == 0
    # At or under the cap, every match is ranked: the title match leads.
    monkeypatch.setattr(search, "RESULT_CAP", 7)
    page = items_search(user=reader, query="labour")
    assert not page.paginator.capped and page.paginator.count == 7
    assert page.object_list[0].item.pk == oldest_title_match.pk


def test_results_heading_says_more_than_when_capped(reader, client_for, monkeypatch):
    from msht.hub import search

    monkeypatch.setattr(search, "RESULT_CAP", 2)
    for n in range(3):
        make_item(title=f"Gangmaster note {n}", body="Gangmaster licensing.")
    html = client_for(reader).get("/hub/", {"q": "gangmaster"}).content.decode()
    assert "More than 2 results for" in html
    search.RESULT_CAP = 3
    html = client_for(reader).get("/hub/", {"q": "gangmaster"}).content.decode()
    assert "3 results for" in html and "More than" not in html


def test_filters_by_every_tag_kind_on_search(reader):
    item = make_item(
        title="Offence tagged",
        body="Forced labour.",
        tags={"offences": ["CJA2009-S71"], "msa_sections": ["S1"], "areas": ["LONDON-SOUTH"]},
    )
    make_item(title="Untagged", body="Forced labour.")
    for filters in (
        SearchFilters(msa_section="S1"),
        SearchFilters(offence="CJA2009-S71"),
        SearchFilters(area="LONDON-SOUTH"),
        SearchFilters(kind="case_study", area="LONDON-SOUTH"),
    ):
        page = items_search(user=reader, query="labour", filters=filters)
        assert [r.item.pk for r in page.object_list] == [item.pk], filters
