"""The index generation: a stamp replaced by a trigger whenever the search index changes.

The public search keeps a query's facet distribution under the stamp it read
(``search.engines.facetcache``); any write to ``portal_search_searchdocument``
— through the ORM, a cascade, a bulk insert or raw SQL — replaces the stamp in
the same transaction, so a cached distribution is never read for another state
of the index. PostgreSQL: one statement-level trigger (insert, update, delete,
truncate). SQLite has row-level triggers only: one per kind of write.

SQLite also gets the rank-order index PostgreSQL got in 0005, covering what
its title walk reads (``search.engines.sqlite``), and 0004's covering index
back: 0005's ``AddField`` made Django rebuild the SQLite table, which keeps only
the indexes the model declares. (Any later field added to ``SearchDocument``
does the same to both: re-create them in that migration.)
"""

from django.db import migrations, models

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION portal_search_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO portal_search_indexgeneration (id, value, stamp)
            VALUES (1, 1, md5(random()::text || clock_timestamp()::text))
            ON CONFLICT (id) DO UPDATE
            SET value = portal_search_indexgeneration.value + 1, stamp = EXCLUDED.stamp;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER portal_search_generation
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON portal_search_searchdocument
        FOR EACH STATEMENT EXECUTE FUNCTION portal_search_bump_generation()
    """,
    "INSERT INTO portal_search_indexgeneration (id, value, stamp) VALUES (1, 0, md5(random()::text))"
    " ON CONFLICT (id) DO NOTHING",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS portal_search_generation ON portal_search_searchdocument",
    "DROP FUNCTION IF EXISTS portal_search_bump_generation()",
]
# No INSERT OR REPLACE here: inside a trigger SQLite applies the conflict handling of the statement
# that fired it (Django's upsert), so the replace failed as a UNIQUE violation. An UPDATE, and an
# INSERT only when the row is missing, cannot conflict.
SQLITE_BUMP = """
    UPDATE portal_search_indexgeneration SET value = value + 1, stamp = lower(hex(randomblob(16))) WHERE id = 1;
    INSERT INTO portal_search_indexgeneration (id, value, stamp)
        SELECT 1, 1, lower(hex(randomblob(16)))
        WHERE NOT EXISTS (SELECT 1 FROM portal_search_indexgeneration WHERE id = 1);
"""
SQLITE_FORWARD = [
    f"DROP TRIGGER IF EXISTS portal_search_generation_{event.lower()}"
    for event in ("INSERT", "UPDATE", "DELETE")
] + [
    f"""
    CREATE TRIGGER portal_search_generation_{event.lower()}
        AFTER {event} ON portal_search_searchdocument
    BEGIN {SQLITE_BUMP} END
    """
    for event in ("INSERT", "UPDATE", "DELETE")
] + [
    # The ranking's last tiers' order among live documents of a locale (procedures first, newest
    # first; NULLs sort last in a descending SQLite order), covering what a title walk reads and the
    # scope tests: search.engines.sqlite walks it for common words instead of sorting every match.
    "CREATE INDEX IF NOT EXISTS portal_search_doc_rank_order ON portal_search_searchdocument"
    " (locale_id, kind = 'procedure' DESC, published_at DESC, page_id, kind, title_words, agency_id, field_id, level,"
    " path)"
    " WHERE live",
    # 0004's covering index for the facet join, lost when 0005's AddField made SQLite rebuild the table
    # (Django recreates only the indexes the model declares): the facet count and the tiers read every
    # match's row without it, body included.
    "CREATE INDEX IF NOT EXISTS portal_search_doc_facets ON portal_search_searchdocument"
    " (page_id, locale_id, live, kind, agency_id, field_id, level, path, published_at)",
    "INSERT OR IGNORE INTO portal_search_indexgeneration (id, value, stamp) VALUES (1, 0, lower(hex(randomblob(16))))"]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS portal_search_generation_{event}" for event in ("insert", "update", "delete")
] + ["DROP INDEX IF EXISTS portal_search_doc_rank_order"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0006_pending_index_updates"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexGeneration",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=0)),
                ("stamp", models.CharField(default="", max_length=32)),
            ],
            options={
                "verbose_name": "thế hệ chỉ mục tìm kiếm",
                "verbose_name_plural": "thế hệ chỉ mục tìm kiếm",
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
