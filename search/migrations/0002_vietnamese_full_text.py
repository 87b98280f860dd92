"""Full-text structures that Django's schema editor cannot express, per database engine.

PostgreSQL: the unaccent extension, the ``portal_vi`` text search configuration
(``simple`` — no stemming, which mangles Vietnamese syllables — with unaccent in
front for words), two generated tsvector columns and their GIN indexes.

SQLite: an FTS5 table of folded title and body keyed by the document's rowid,
and a trigger that removes a document's row when the document goes.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_vi') THEN
            CREATE TEXT SEARCH CONFIGURATION portal_vi (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION portal_vi
                ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
        END IF;
    END
    $$
    """,
    """
    ALTER TABLE portal_search_searchdocument
        ADD COLUMN title_vector tsvector
            GENERATED ALWAYS AS (to_tsvector('portal_vi'::regconfig, title)) STORED,
        ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (
                setweight(to_tsvector('portal_vi'::regconfig, title), 'A')
                || setweight(to_tsvector('portal_vi'::regconfig, body), 'B')
            ) STORED
    """,
    "CREATE INDEX portal_search_doc_vector ON portal_search_searchdocument USING gin (search_vector)",
    "CREATE INDEX portal_search_doc_title_vector ON portal_search_searchdocument USING gin (title_vector)",
]

POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS portal_search_doc_title_vector",
    "DROP INDEX IF EXISTS portal_search_doc_vector",
    "ALTER TABLE portal_search_searchdocument DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS title_vector",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS portal_search_fts
        USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')
    """,
    """
    CREATE TRIGGER IF NOT EXISTS portal_search_doc_deleted
        AFTER DELETE ON portal_search_searchdocument
    BEGIN
        DELETE FROM portal_search_fts WHERE rowid = old.page_id;
    END
    """,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS portal_search_doc_deleted",
    "DROP TABLE IF EXISTS portal_search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_search_documents_and_query_log"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
