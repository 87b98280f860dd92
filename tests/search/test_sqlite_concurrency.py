"""SQLite that holds concurrent writes: searches from many clients at once never fail on the query log.

The SQLite pass runs against a shared in-memory database, which has neither a journal nor the
locking of a file. These tests copy it into a real file (``VACUUM INTO``) and serve that file with
gunicorn under the production database settings (WAL, IMMEDIATE transactions, a busy timeout), as
`make run` or a small agency would: every search writes the query log, from several threads and
two processes at once.
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest

from django.db import connection

from search.models import LoggedQuery, QueryDay
from sites.models import Agency
from sites.provisioning import provision_agencies
from tests.conftest import AGENCIES, ensure_tree_root
from tests.faults.server import Server

PORTAL = "hatinh.localhost"
CLIENTS = 16
SEARCHES_EACH = 6


@pytest.fixture
def sqlite_file(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite engine's locking, on SQLite")
    ensure_tree_root()
    provision_agencies([dict(a) for a in AGENCIES[:3]])
    path = tmp_path / "portal.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    return path


def _server(path, **env) -> Server:
    server = Server(env={"DATABASE_URL": f"sqlite:///{path}", **env}, workers=2, threads=8)
    server.wait_ready("/", PORTAL)
    return server


def _logged(path) -> list[tuple[str, int]]:
    query, day = LoggedQuery._meta.db_table, QueryDay._meta.db_table
    sql = f"SELECT q.normalized, d.searches FROM {query} q JOIN {day} d ON d.query_id = q.id"  # noqa: S608
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_sixteen_clients_searching_at_once_get_no_error_and_every_search_is_logged(sqlite_file):
    server = _server(sqlite_file)
    try:
        # Distinct words, so that every search inserts rows (the writes that used to fail at once).
        queries = [f"giay phep {client} lan {n}" for client in range(CLIENTS) for n in range(SEARCHES_EACH)]
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda q: server.get(f"/search/?q={quote(q)}", PORTAL), queries))
    finally:
        server.stop()
    statuses = [status for status, _body, _t in results]
    assert statuses == [200] * len(queries), server.log.read_text()[-2000:]
    with sqlite3.connect(sqlite_file) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    logged = dict(_logged(sqlite_file))
    assert len(logged) == len(queries)
    assert set(logged.values()) == {1}


def test_a_query_log_write_the_database_refuses_is_counted_lost_and_the_search_still_answers(sqlite_file):
    # Another process holds the write lock for longer than the server's busy timeout (1 s here).
    server = _server(sqlite_file, SQLITE_BUSY_TIMEOUT="1")
    holder = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        status, body, seconds = server.get("/search/?q=" + quote("đăng ký khai sinh"), PORTAL)
        holder.execute("ROLLBACK")
        status_after, _body, _t = server.get("/search/?q=" + quote("đăng ký kết hôn"), PORTAL)
        log = server.log.read_text()
    finally:
        holder.close()
        server.stop()
    assert status == 200, log[-2000:]
    assert "khai sinh" in body
    assert seconds < 10
    assert "Query log search lost" in log
    assert status_after == 200
    # The refused write left nothing behind; the next one went through.
    assert [q for q, _n in _logged(sqlite_file)] == ["dang ky ket hon"]


def test_readers_are_not_blocked_by_a_writer(sqlite_file):
    """With WAL a page view reads while a write transaction is open elsewhere; with the old rollback
    journal, an EXCLUSIVE writer kept every reader waiting until the busy timeout, then failed it."""
    server = _server(sqlite_file, SQLITE_BUSY_TIMEOUT="3")
    holder = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute(f"UPDATE {Agency._meta.db_table} SET name = name")  # noqa: S608
        status, _body, seconds = server.get("/", PORTAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        server.stop()
    assert status == 200
    assert seconds < 5
