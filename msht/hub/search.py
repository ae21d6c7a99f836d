"""Full-text search over published hub items: one results contract, two engines.

`search_items(query=..., filters=..., page=...)` returns a Django `Page` of `SearchResult`s
(item, rank, snippet) ranked best first, on SQLite (FTS5, bm25) and PostgreSQL (tsvector,
ts_rank_cd). The query language is deliberately small so both databases answer alike: the words of
the query (letters and digits; punctuation and hyphens separate words), English stemming,
common English stop words ignored, every remaining word required. Title matches weigh most, then
summary and tags, then the body. Snippets are HTML-safe: the text is escaped first, then the
matched words are wrapped in <mark class="msht-mark">.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from markupsafe import Markup

from .models import Item

MAX_TERMS = 12
MAX_TERM_LENGTH = 60
PER_PAGE = 20

# The Snowball English stop words, which PostgreSQL's 'english' configuration drops; dropping the
# same words on SQLite keeps the two engines' answers the same.
STOP_WORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    ]
)

# Private-use characters mark matches inside the database; they become <mark> after escaping.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchResult:
    item: Item
    rank: float | None
    snippet: Markup  # a passage of the body (or the summary), matches marked
    title: Markup  # the whole title, matches marked


def search_terms(query: str) -> list[str]:
    """The words a query searches for, in order, without stop words or repeats."""
    terms: list[str] = []
    for word in _WORD.findall((query or "").lower()):
        word = word[:MAX_TERM_LENGTH]
        if word not in STOP_WORDS and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def safe_snippet(text: str) -> Markup:
    """Escape the text, then turn the match markers into <mark> elements."""
    escaped = str(escape(text or ""))
    marked = _MARKED.sub(r'<mark class="msht-mark">\1</mark>', escaped)
    return Markup(marked.replace(MARK_START, "").replace(MARK_END, ""))  # noqa: S704 - escaped above


def _plain_snippet(item: Item) -> Markup:
    return safe_snippet(item.summary)


class _RankedMatches:
    """A lazy sequence for Paginator: counts once, fetches only the page it is sliced for."""

    def __init__(self, engine: "_Engine") -> None:
        self.engine = engine
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.engine.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchResult]:
        start, stop = window.start or 0, window.stop
        return self.engine.page(start, stop - start)


class _Engine:
    def __init__(self, items: QuerySet, terms: list[str], *, filtered: bool) -> None:
        self.items = items
        self.terms = terms
        self.filtered = filtered

    def _with_items(
        self, ranked: list[tuple[int, float]], snippets: dict[int, str], titles: dict[int, str]
    ):
        by_id = Item.objects.in_bulk([pk for pk, _ in ranked])
        results = []
        for pk, rank in ranked:
            item = by_id.get(pk)
            if item is None:
                continue
            text = snippets.get(pk) or ""
            snippet = safe_snippet(text) if MARK_START in text else _plain_snippet(item)
            title = safe_snippet(titles.get(pk) or item.title)
            results.append(SearchResult(item=item, rank=rank, snippet=snippet, title=title))
        return results


class _SqliteEngine(_Engine):
    """FTS5 over hub_item_fts (title, summary, body_text, keywords), ranked by bm25."""

    WEIGHTS = "10.0, 4.0, 1.0, 4.0"

    def _match(self) -> str:
        return " ".join(f'"{term}"' for term in self.terms)

    def _scope(self) -> tuple[str, list]:
        """An EXISTS over the reader's (filtered) items for the matched row: a primary-key
        probe per match, rather than a list of every visible id built for each query. The FTS
        table holds exactly the published items, so an unfiltered search needs no probe."""
        if not self.filtered:
            return "1 = 1", []
        probe = self.items.order_by().filter(pk=RawSQL("hub_item_fts.rowid", ())).values("pk")
        sql, params = probe.query.sql_with_params()
        return f"EXISTS ({sql})", list(params)

    def count(self) -> int:
        scope, params = self._scope()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM hub_item_fts WHERE hub_item_fts MATCH %s "  # noqa: S608
                f"AND {scope}",  # scope is ORM-compiled SQL
                [self._match(), *params],
            )
            return cursor.fetchone()[0]

    def page(self, offset: int, limit: int) -> list[SearchResult]:
        # Rank first; make snippets only for the page's rows (SQLite would otherwise build a
        # snippet for every match before sorting).
        scope, params = self._scope()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -bm25(hub_item_fts, {self.WEIGHTS}) AS score "  # noqa: S608
                "FROM hub_item_fts WHERE hub_item_fts MATCH %s "
                f"AND {scope} ORDER BY score DESC, rowid DESC LIMIT %s OFFSET %s",
                [self._match(), *params, limit, offset],
            )
            ranked = cursor.fetchall()
            if not ranked:
                return []
            placeholders = ", ".join(["%s"] * len(ranked))
            cursor.execute(
                f"SELECT rowid, snippet(hub_item_fts, 2, '{MARK_START}', '{MARK_END}', '…', 28), "  # noqa: S608
                f"snippet(hub_item_fts, 1, '{MARK_START}', '{MARK_END}', '…', 28), "
                f"highlight(hub_item_fts, 0, '{MARK_START}', '{MARK_END}') "
                f"FROM hub_item_fts WHERE hub_item_fts MATCH %s AND rowid IN ({placeholders})",
                [self._match(), *[pk for pk, _ in ranked]],
            )
            rows = cursor.fetchall()
        snippets = {
            pk: body if MARK_START in (body or "") else summary for pk, body, summary, _ in rows
        }
        titles = {pk: title for pk, _, _, title in rows}
        return self._with_items(ranked, snippets, titles)


class _PostgresEngine(_Engine):
    """tsvector @@ plainto_tsquery(english) with the GIN index, ranked by ts_rank_cd."""

    def _query(self) -> SearchQuery:
        return SearchQuery(" ".join(self.terms), config="english", search_type="plain")

    def _matches(self) -> QuerySet:
        return self.items.filter(search_vector=self._query())

    def count(self) -> int:
        return self._matches().count()

    def page(self, offset: int, limit: int) -> list[SearchResult]:
        ranked = list(
            self._matches()
            .annotate(
                score=SearchRank(
                    F("search_vector"), self._query(), normalization=Value(1), cover_density=True
                )
            )
            .order_by("-score", "-id")
            .values_list("id", "score")[offset : offset + limit]
        )
        headline = {
            "start_sel": MARK_START,
            "stop_sel": MARK_END,
            "max_words": 30,
            "min_words": 12,
            "config": "english",
        }
        rows = (
            Item.objects.filter(pk__in=[pk for pk, _ in ranked])
            .annotate(
                body_snippet=SearchHeadline("body_text", self._query(), **headline),
                summary_snippet=SearchHeadline("summary", self._query(), **headline),
            )
            .annotate(
                title_marked=SearchHeadline(
                    "title",
                    self._query(),
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    highlight_all=True,
                    config="english",
                )
            )
            .values_list("id", "body_snippet", "summary_snippet", "title_marked")
        )
        snippets = {
            pk: body if MARK_START in (body or "") else summary for pk, body, summary, _ in rows
        }
        titles = {pk: title for pk, _, _, title in rows}
        return self._with_items(ranked, snippets, titles)


def search_items(
    *,
    items: QuerySet,
    query: str,
    page: int | str = 1,
    per_page: int = PER_PAGE,
    filtered: bool = True,
) -> Page:
    """Rank `items` (published items the reader may see, perhaps filtered) against `query`.

    `filtered=False` says `items` is every published item (no filters), which lets SQLite skip
    the check of each match against `items`. With no searchable words, the items are listed
    newest first with their summaries.
    """
    terms = search_terms(query)
    if items.query.is_empty():
        return Paginator([], per_page).get_page(1)
    if not terms:
        browse = items.order_by("-published_at", "-id")
        paginator = Paginator(browse, per_page)
        result = paginator.get_page(page)
        result.object_list = [
            SearchResult(
                item=item, rank=None, snippet=_plain_snippet(item), title=safe_snippet(item.title)
            )
            for item in result.object_list
        ]
        return result
    engine_class = _PostgresEngine if connection.vendor == "postgresql" else _SqliteEngine
    engine = engine_class(items, terms, filtered=filtered)
    return Paginator(_RankedMatches(engine), per_page).get_page(page)
