"""The database's own full-text index for the entries: an FTS5 table on SQLite (when SQLite
was built with FTS5; without it search uses LIKE, see backends.py) and GIN indexes on the
tsvector columns on PostgreSQL."""

from django.db import migrations

FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts "
    "USING fts5(lang, title, body, tokenize = 'unicode61 remove_diacritics 0')"
)
# fastupdate off: an entry goes straight into the index rather than a pending list, which a
# search would have to check row by row (the index is small and changes only with content).
GIN = (
    "CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON search_searchentry "
    "USING gin (vector) WITH (fastupdate = off)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_gin ON search_searchentry "
    "USING gin (title_vector) WITH (fastupdate = off)",
)


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            try:
                cursor.execute(FTS)
            except Exception:  # noqa: BLE001 - no FTS5 in this SQLite: LIKE is used instead
                pass
        elif connection.vendor == "postgresql":
            for statement in GIN:
                cursor.execute(statement)


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
            cursor.execute("DROP INDEX IF EXISTS search_entry_title_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
