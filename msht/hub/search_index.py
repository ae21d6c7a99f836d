"""The hub's full-text index, one per database vendor, kept in step by triggers.

- SQLite: an external-content FTS5 table `hub_item_fts` over hub_item's title, summary,
  body_text and keywords (porter stemming), holding PUBLISHED items only, with
  insert/update/delete triggers. Because it holds exactly the published items, an unfiltered
  search needs no join back to hub_item (see msht.hub.search).
- PostgreSQL: hub_item.search_vector (weighted English tsvector: title A, summary and keywords B,
  body C) filled by a BEFORE INSERT OR UPDATE trigger, with a GIN index.

Migrations call `install`. On SQLite a later migration that rebuilds hub_item (Django does that
for most field changes, even adding a many-to-many field) drops the table's triggers: such a
migration must call `remove` first and `install` last (see 0003); `install` rebuilds the index
from the table. tests/hub/test_search.py fails if the triggers are missing.
"""

_FTS_COLUMNS = "title, summary, body_text, keywords"
_FTS_DELETE = (
    "INSERT INTO hub_item_fts(hub_item_fts, rowid, title, summary, body_text, keywords) "
    "VALUES ('delete', old.id, old.title, old.summary, old.body_text, old.keywords);"
)
_FTS_INSERT = (
    "INSERT INTO hub_item_fts(rowid, title, summary, body_text, keywords) "
    "VALUES (new.id, new.title, new.summary, new.body_text, new.keywords);"
)

SQLITE_INSTALL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS hub_item_fts USING fts5(
        {_FTS_COLUMNS}, content='hub_item', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS hub_item_fts_insert AFTER INSERT ON hub_item
        WHEN new.status = 'published' BEGIN {_FTS_INSERT} END""",
    f"""CREATE TRIGGER IF NOT EXISTS hub_item_fts_delete AFTER DELETE ON hub_item
        WHEN old.status = 'published' BEGIN {_FTS_DELETE} END""",
    # One trigger, so the old row always leaves the index before the new one enters it.
    """CREATE TRIGGER IF NOT EXISTS hub_item_fts_update
        AFTER UPDATE OF title, summary, body_text, keywords, status ON hub_item BEGIN
        INSERT INTO hub_item_fts(hub_item_fts, rowid, title, summary, body_text, keywords)
            SELECT 'delete', old.id, old.title, old.summary, old.body_text, old.keywords
            WHERE old.status = 'published';
        INSERT INTO hub_item_fts(rowid, title, summary, body_text, keywords)
            SELECT new.id, new.title, new.summary, new.body_text, new.keywords
            WHERE new.status = 'published';
    END""",
    # Index the published rows that existed before the index did: empty it, then add them
    # ('rebuild' would index every row of hub_item, drafts included).
    "INSERT INTO hub_item_fts(hub_item_fts) VALUES ('delete-all')",
    f"""INSERT INTO hub_item_fts(rowid, {_FTS_COLUMNS})
        SELECT id, {_FTS_COLUMNS} FROM hub_item WHERE status = 'published'""",  # noqa: S608
]

SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS hub_item_fts_insert",
    "DROP TRIGGER IF EXISTS hub_item_fts_delete",
    "DROP TRIGGER IF EXISTS hub_item_fts_update",
    "DROP TRIGGER IF EXISTS hub_item_fts_update_out",
    "DROP TRIGGER IF EXISTS hub_item_fts_update_in",
    "DROP TABLE IF EXISTS hub_item_fts",
]

POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION hub_item_search_vector_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('english'::regconfig, coalesce(NEW.summary, '')), 'B') ||
            setweight(to_tsvector('english'::regconfig, coalesce(NEW.keywords, '')), 'B') ||
            setweight(to_tsvector('english'::regconfig, coalesce(NEW.body_text, '')), 'C');
        RETURN NEW;
    END
    $$""",
    "DROP TRIGGER IF EXISTS hub_item_search_vector ON hub_item",
    """CREATE TRIGGER hub_item_search_vector
        BEFORE INSERT OR UPDATE OF title, summary, body_text, keywords, search_vector
        ON hub_item FOR EACH ROW EXECUTE FUNCTION hub_item_search_vector_update()""",
    "CREATE INDEX IF NOT EXISTS hub_item_search_vector_gin ON hub_item USING gin (search_vector)",
    # Fill rows that existed before the trigger did.
    "UPDATE hub_item SET title = title WHERE search_vector IS NULL",
]

POSTGRES_REMOVE = [
    "DROP INDEX IF EXISTS hub_item_search_vector_gin",
    "DROP TRIGGER IF EXISTS hub_item_search_vector ON hub_item",
    "DROP FUNCTION IF EXISTS hub_item_search_vector_update()",
]


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> None:
    if connection.vendor == "sqlite":
        _run(connection, SQLITE_INSTALL)
    elif connection.vendor == "postgresql":
        _run(connection, POSTGRES_INSTALL)
    else:  # pragma: no cover - only the two supported databases
        raise NotImplementedError(f"No hub search index for {connection.vendor}")


def remove(connection) -> None:
    if connection.vendor == "sqlite":
        _run(connection, SQLITE_REMOVE)
    elif connection.vendor == "postgresql":
        _run(connection, POSTGRES_REMOVE)
