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
from django.utils.html import escape
from markupsafe import Markup

from .models import Item

MAX_TERMS = 12
MAX_TERM_LENGTH = 60
PER_PAGE = 20
# A query is answered from its newest RESULT_CAP matches (by id), ranked; past that the count
# says "more than" (see docs/decisions/0802-hub-search-bounded-ranking.md).
RESULT_CAP = 1000

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
    """A lazy sequence for Paginator: finds and ranks the candidates once, then makes snippets
    only for the page it is sliced for."""

    def __init__(self, engine: "_Engine") -> None:
        self.engine = engine
        self._ranked: list[tuple[int, float]] | None = None
        self.capped = False

    def ranked(self) -> list[tuple[int, float]]:
        if self._ranked is None:
            newest = self.engine.newest_scored(RESULT_CAP + 1)
            self.capped = len(newest) > RESULT_CAP
            newest = sorted(newest, key=lambda pair: -pair[0])  # the engines' order may vary
            self._ranked = sorted(newest[:RESULT_CAP], key=lambda pair: (-pair[1], -pair[0]))
        return self._ranked

    def count(self) -> int:
        return len(self.ranked())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchResult]:
        start, stop = window.start or 0, window.stop
        return self.engine.page(self.ranked()[start:stop])


class SearchPaginator(Paginator):
    """`count` is the number of ranked results (at most RESULT_CAP); `capped` says the query
    matched more than that ("more than 1,000 results")."""

    @property
    def capped(self) -> bool:
        self.count  # noqa: B018 - ranks the candidates
        return getattr(self.object_list, "capped", False)


class _Engine:
    """Matching, scoring and snippets for one database. Every method is bounded: at most
    RESULT_CAP + 1 ids are read, at most RESULT_CAP rows are scored, a page has snippets."""

    def __init__(
        self,
        items: QuerySet,
        terms: list[str],
        *,
        filtered: bool,
        id_sets: list[QuerySet] | None = None,
    ) -> None:
        self.items = items
        self.terms = terms
        self.filtered = filtered
        self.id_sets = id_sets

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
    """FTS5 over hub_item_fts (title, summary, body_text, keywords), ranked by bm25.

    FTS5 reads its matches in rowid order, cheaply in either direction and within a rowid
    range; it is slow when handed a list of rowids (each is a fresh search), so candidates are
    a rowid range: the newest RESULT_CAP matches are those at or above the RESULT_CAP-th id.
    """

    WEIGHTS = "10.0, 4.0, 1.0, 4.0"

    def _match(self) -> str:
        return " ".join(f'"{term}"' for term in self.terms)

    def _scope(self) -> tuple[str, list]:
        """The reader's (filtered) items as id sets the matches are checked against. The
        unary + keeps SQLite from handing the ids to FTS5 one by one. The FTS table holds
        exactly the published items, so an unfiltered search needs no check, and a filtered
        one needs only the filters' id sets when the caller gives them."""
        if not self.filtered:
            return "1 = 1", []
        sets = self.id_sets if self.id_sets else [self.items.order_by().values("pk")]
        parts, params = [], []
        for id_set in sets:
            sql, set_params = id_set.order_by().query.sql_with_params()
            parts.append(f"+hub_item_fts.rowid IN ({sql})")
            params.extend(set_params)
        return " AND ".join(parts), params

    def newest_scored(self, limit: int) -> list[tuple[int, float]]:
        """The newest `limit` matches in scope with their scores, in one pass: FTS5 walks
        the matches backwards and scores only the rows it returns."""
        scope, params = self._scope()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -bm25(hub_item_fts, {self.WEIGHTS}) "  # noqa: S608
                "FROM hub_item_fts WHERE hub_item_fts MATCH %s "
                f"AND {scope} ORDER BY rowid DESC LIMIT %s",  # scope is ORM-compiled SQL
                [self._match(), *params, limit],
            )
            return cursor.fetchall()

    def page(self, ranked: list[tuple[int, float]]) -> list[SearchResult]:
        if not ranked:
            return []
        # Snippets for the page's rows only, a range of rowids (see the class docstring).
        ids = {pk for pk, _ in ranked}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet(hub_item_fts, 2, '{MARK_START}', '{MARK_END}', '…', 28), "  # noqa: S608
                f"snippet(hub_item_fts, 1, '{MARK_START}', '{MARK_END}', '…', 28), "
                f"highlight(hub_item_fts, 0, '{MARK_START}', '{MARK_END}') "
                "FROM hub_item_fts WHERE hub_item_fts MATCH %s AND rowid >= %s AND rowid <= %s "
                "AND +rowid IN (" + ", ".join(["%s"] * len(ids)) + ")",
                [self._match(), min(ids), max(ids), *ids],
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

    def newest_scored(self, limit: int) -> list[tuple[int, float]]:
        """The newest `limit` matches (ids from the GIN index), then their scores."""
        newest = list(self._matches().order_by("-id").values_list("id", flat=True)[:limit])
        if not newest:
            return []
        return list(
            Item.objects.filter(pk__in=newest)
            .annotate(
                score=SearchRank(
                    F("search_vector"), self._query(), normalization=Value(1), cover_density=True
                )
            )
            .order_by()
            .values_list("id", "score")
        )

    def page(self, ranked: list[tuple[int, float]]) -> list[SearchResult]:
        if not ranked:
            return []
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
    id_sets: list[QuerySet] | None = None,
) -> Page:
    """Rank `items` (published items the reader may see, perhaps filtered) against `query`.

    `filtered=False` says `items` is every published item (no filters), which lets SQLite skip
    the check of each match against `items`. `id_sets` (querysets of item ids, one per filter,
    whose intersection with the published items is `items`) lets SQLite check the matches
    against index reads rather than hub_item rows. With no searchable words, the items are listed
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
    engine = engine_class(items, terms, filtered=filtered, id_sets=id_sets)
    return SearchPaginator(_RankedMatches(engine), per_page).get_page(page)
