"""PostgreSQL: split words joined by punctuation before indexing.

PostgreSQL's parser keeps "giấy-phép", "12/2017/TT-BGTVT" or "a@b.vn" as
compound tokens; the query side (and SQLite's FTS5 tokenizer) split them into
words. Turning that punctuation into spaces inside the generated columns makes
both sides see the same words.
"""

from django.db import migrations

SPLIT = "translate({column}, '/-_.@:+~?=&#', '            ')"


def _vector(column):
    return f"to_tsvector('portal_vi'::regconfig, {SPLIT.format(column=column)})"


FORWARD = [
    "DROP INDEX IF EXISTS portal_search_doc_title_vector",
    "DROP INDEX IF EXISTS portal_search_doc_vector",
    "ALTER TABLE portal_search_searchdocument DROP COLUMN title_vector, DROP COLUMN search_vector",
    f"""
    ALTER TABLE portal_search_searchdocument
        ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ({_vector("title")}) STORED,
        ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight({_vector("title")}, 'A') || setweight({_vector("body")}, 'B')
        ) STORED
    """,
    "CREATE INDEX portal_search_doc_vector ON portal_search_searchdocument USING gin (search_vector)",
    "CREATE INDEX portal_search_doc_title_vector ON portal_search_searchdocument USING gin (title_vector)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS portal_search_doc_title_vector",
    "DROP INDEX IF EXISTS portal_search_doc_vector",
    "ALTER TABLE portal_search_searchdocument DROP COLUMN title_vector, DROP COLUMN search_vector",
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


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0002_vietnamese_full_text"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
