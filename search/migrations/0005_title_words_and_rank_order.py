"""What the ranking reads for thousands of matches, kept cheap.

- ``title_words``: the folded title words, space-padded, so "the title has the
  exact phrase" is one ``LIKE`` over the title matches instead of a phrase
  check of each one's vector (35 ms for 12,000 titles at province scale).
  Filled here for existing documents with the same Python folding as queries.
- PostgreSQL: ``title_words`` stays in the row (``STORAGE MAIN``: with the
  table's low ``toast_tuple_target`` it would otherwise be moved out of line,
  and reading it would cost a TOAST lookup per row), and an index in the
  order of the ranking's last tiers (procedures first, newest first) among
  live documents of a locale: for a common word, the best matches whose title
  does not match are found by walking it, not by sorting every match.
"""

from django.db import migrations, models

POSTGRES_FORWARD = [
    "ALTER TABLE portal_search_searchdocument ALTER COLUMN title_words SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS portal_search_doc_rank_order ON portal_search_searchdocument"
    " (locale_id, (kind = 'procedure') DESC, published_at DESC NULLS LAST, page_id) WHERE live",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS portal_search_doc_rank_order",
]


def fill_title_words(apps, schema_editor):
    from search.text import padded_words

    SearchDocument = apps.get_model("portal_search", "SearchDocument")
    batch = []
    for doc in SearchDocument.objects.only("page_id", "title").iterator(chunk_size=2000):
        doc.title_words = padded_words(doc.title)
        batch.append(doc)
        if len(batch) >= 2000:
            SearchDocument.objects.bulk_update(batch, ["title_words"])
            batch = []
    if batch:
        SearchDocument.objects.bulk_update(batch, ["title_words"])


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_narrow_rows_for_counting")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="title_words",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
        migrations.RunPython(fill_title_words, migrations.RunPython.noop),
    ]
