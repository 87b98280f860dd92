"""Keep the columns that facets and ranking read in narrow rows.

Counting 50,000 matches must not read 50,000 bodies. PostgreSQL: a low
``toast_tuple_target`` moves the body and the big vector out of line, so a
bitmap scan of the matches reads a 16 MB heap instead of 75 MB of text;
the title and its vector stay in the row (the title tiers read them).
SQLite: a covering index holds what the facet join reads per match.
"""

from django.db import migrations

FORWARD = {
    "postgresql": [
        "ALTER TABLE portal_search_searchdocument SET (toast_tuple_target = 128)",
        # The title tiers are decided from these for thousands of rows: keep them in the row.
        "ALTER TABLE portal_search_searchdocument ALTER COLUMN title SET STORAGE MAIN",
        "ALTER TABLE portal_search_searchdocument ALTER COLUMN title_vector SET STORAGE MAIN",
    ],
    "sqlite": [
        "CREATE INDEX IF NOT EXISTS portal_search_doc_facets ON portal_search_searchdocument"
        " (page_id, locale_id, live, kind, agency_id, field_id, level, path, published_at)"
    ],
}
BACKWARD = {
    "postgresql": [
        "ALTER TABLE portal_search_searchdocument RESET (toast_tuple_target)",
        "ALTER TABLE portal_search_searchdocument ALTER COLUMN title SET STORAGE EXTENDED",
        "ALTER TABLE portal_search_searchdocument ALTER COLUMN title_vector SET STORAGE EXTENDED",
    ],
    "sqlite": ["DROP INDEX IF EXISTS portal_search_doc_facets"],
}


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_split_punctuated_words")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
