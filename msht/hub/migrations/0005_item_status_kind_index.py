from django.db import migrations


class Migration(migrations.Migration):
    """An index for the hub's kind filter, so a filtered search reads the ids of one kind's
    published items from the index rather than scanning hub_item (see
    docs/decisions/0802-hub-search-bounded-ranking.md). Raw SQL on both databases: the index is
    for search only, like the FTS5 table and the GIN index. On SQLite a migration that rebuilds
    hub_item drops it, and must re-create it (as it must re-install the search index)."""

    dependencies = [("hub", "0004_search_index_published_only")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS hub_item_status_kind ON hub_item (status, kind)",
            "DROP INDEX IF EXISTS hub_item_status_kind",
        )
    ]
