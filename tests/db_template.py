"""Test databases on PostgreSQL are copies of one migrated template, not a migration each.

Migrating an empty database takes about a minute on the CI machine, and every
pytest process did it: both xdist workers of the PostgreSQL pass, then the
fault tests. The first process to need it migrates a template database once
(``portal_tmpl_<digest>``, in a process of its own), and every test database
is created from it (``CREATE DATABASE ... TEMPLATE``, Django's ``TEST
TEMPLATE`` setting); Django's ``migrate`` then finds every migration applied.

The digest covers every migration of the project, the settings and the pinned
requirements (which fix the migrations of Django, Wagtail and the other apps):
when any of them changes, a new template is built and the old ones are
dropped. A template is built under a temporary name and renamed when its
migration has finished, so an interrupted build is never used. An advisory
lock makes concurrent processes wait for one build.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

PREFIX = "portal_tmpl_"
BUILDING = "_building"
LOCK_KEY = 4_218_001  # pg_advisory_lock key of the template build


def digest() -> str:
    root = Path(settings.BASE_DIR)
    sha = hashlib.sha256()
    files = [*root.glob("*/migrations/*.py"), *root.glob("config/settings/*.py"), root / "requirements.txt"]
    for path in sorted(files):
        sha.update(str(path.relative_to(root)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def _url(settings_dict: dict, name: str) -> str:
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD")
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{name}"


def _connect(settings_dict: dict):
    import psycopg2

    connection = psycopg2.connect(
        dbname="postgres",
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
    )
    connection.autocommit = True
    return connection


def ensure_template(settings_dict: dict) -> str:
    """The name of a migrated template for this code, built if missing."""
    name = PREFIX + digest()
    connection = _connect(settings_dict)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                _build(cursor, settings_dict, name)
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    finally:
        connection.close()
    return name


def _build(cursor, settings_dict: dict, name: str) -> None:
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX.replace("_", r"\_") + "%"])
    for (old,) in cursor.fetchall():  # templates of other code, and interrupted builds
        cursor.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
    building = name + BUILDING
    cursor.execute(f'CREATE DATABASE "{building}"')
    env = {
        **os.environ,
        "DATABASE_URL": _url(settings_dict, building),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        cursor.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        raise RuntimeError(f"migrating the test template failed:\n{result.stdout}\n{result.stderr}")
    cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')


def use_template() -> None:
    """Create the PostgreSQL test database from the template (``TEST["TEMPLATE"]``)."""
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.postgresql" or os.environ.get("PORTAL_TEST_NO_TEMPLATE"):
        return
    settings_dict.setdefault("TEST", {})["TEMPLATE"] = ensure_template(settings_dict)
