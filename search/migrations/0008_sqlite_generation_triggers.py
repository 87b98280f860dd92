"""Re-create SQLite's index-generation triggers as 0007 now writes them.

The first version of 0007 replaced the row with ``INSERT OR REPLACE``; inside a
trigger SQLite applies the conflict handling of the statement that fired it, so
an upsert of a search document (``documents.write_documents``) failed with a
UNIQUE violation. A database that applied that version gets the fixed triggers
here; on one that applied the fixed 0007 this re-creates the same triggers.
"""

import importlib

from django.db import migrations

TRIGGERS = [
    statement
    for statement in importlib.import_module("search.migrations.0007_index_generation").SQLITE_FORWARD
    if "TRIGGER" in statement
]


def recreate(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0007_index_generation"),
    ]

    operations = [migrations.RunPython(recreate, migrations.RunPython.noop)]
