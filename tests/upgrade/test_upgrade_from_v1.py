"""An existing database migrates to the new layout without losing a row, a right or a file.

The old main (``LEGACY_COMMIT``) is exported with ``git archive``; its own migrations and demo
loader build a database (13 agencies, pages of every type in Vietnamese and English, procedures,
online services with dossiers and their files, news, Decree-42 sections), plus the history a real
database has (snippet edits, drafts, a page in moderation — ``legacy.seed``). The old code
snapshots it; then the current code runs ``migrate`` on that same database and the same snapshot
runs again, with every live page rendered on its site, every revision rebuilt, every log entry
formatted, every file opened, and the admin opened as the portal administrator and as an agency's
editor and moderator. The test compares the two snapshots.

It never uses the pytest test database: PostgreSQL gets ``test_<name>_upgrade`` next to it, SQLite
a file under the test's tmp folder. Each step runs in its own process (old and new code never
share an interpreter); logs and JSON snapshots stay in the test's tmp folder.
``PORTAL_UPGRADE_KEEP_DB=1`` keeps the PostgreSQL database after the run.
"""

from __future__ import annotations

import collections
import os
import time

import pytest

from .inspect_db import EDITOR, EDITOR_HOST, MODERATOR, OFFICER
from .legacy import (
    DEFAULT_DATABASE_URL,
    REPO_ROOT,
    LegacyRun,
    commit_available,
    export_tree,
    recreate_postgres_database,
    upgrade_database_url,
)

pytestmark = [pytest.mark.upgrade]

# The main branch before the apps were restructured (news, core, sections, online_services).
LEGACY_COMMIT = "88027e3"

MAX_LINES = 15


def _covers(new: dict, old: dict) -> list[str]:
    """Keys of ``old`` whose count went down in ``new``."""
    return [f"{key}: {old[key]} → {new.get(key, 0)}" for key in sorted(old) if new.get(key, 0) < old[key]]


def _rows(value) -> set[tuple]:
    """(group, …, codename) rows, or (username, model, codename) rows from {username: [[model, codename]]}."""
    if isinstance(value, dict):
        return {(user, *row) for user, rows in value.items() for row in rows}
    return {tuple(row) for row in value}


def compare(old: dict, new: dict) -> dict[str, list[str]]:
    failures: dict[str, list[str]] = collections.defaultdict(list)

    # Tables: every table of the old layout is still there, with at least its rows.
    for table, rows in sorted(old["tables"].items()):
        if table not in new["tables"]:
            failures["tables"].append(f"{table} ({rows} rows) no longer exists")
        elif new["tables"][table] < rows:
            failures["tables"].append(f"{table}: {rows} rows → {new['tables'][table]}")

    # Content types: each resolves to a model, once; every reference still names the same model.
    cts = new["content_types"]
    for label in cts["unresolved"]:
        failures["content types"].append(f"{label} resolves to no model (stale row: rename it in the migration)")
    for model, labels in sorted(cts["duplicates"].items()):
        failures["content types"].append(f"{model} has {len(labels)} content types: {', '.join(labels)}")
    for column, counts in sorted(old["content_type_references"].items()):
        if column not in new["content_type_references"]:
            failures["content types"].append(f"{column} no longer exists")
            continue
        for line in _covers(new["content_type_references"][column], counts):
            failures["content types"].append(f"{column} rows per model {line}")

    # Pages: same pages, same types, same URLs; every live page opens.
    for pk, page in old["pages"].items():
        now = new["pages"].get(pk)
        where = f"page {pk} {page['url_path']}"
        if now is None:
            failures["pages"].append(f"{where} is gone")
            continue
        if now["model"] != page["model"]:
            failures["pages"].append(f"{where} loads as {now['model']!r}, was {page['model']!r}")
        if page.get("path") and (now.get("host"), now.get("path")) != (page["host"], page["path"]):
            failures["pages"].append(
                f"{where} moved from http://{page['host']}{page['path']} to http://{now.get('host')}{now.get('path')}"
            )
    page_types = collections.Counter(p["model"] for p in new["pages"].values())
    old_types = collections.Counter(p["model"] for p in old["pages"].values())
    failures["pages"] += [f"pages of type {line}" for line in _covers(page_types, old_types)]
    for pk, status in sorted(new["page_status"].items(), key=lambda item: int(item[0])):
        if status != 200:
            page = new["pages"][pk]
            failures["pages render"].append(f"page {pk} http://{page['host']}{page['path']} answers {status}")
    not_rendered = sorted(pk for pk, p in old["pages"].items() if p.get("path") and pk not in new["page_status"])
    failures["pages render"] += [f"live page {pk} has no URL any more" for pk in not_rendered]

    # Revisions rebuild their object, of the same types.
    failures["revisions"] += [f"revisions of {line}" for line in _covers(new["revisions"], old["revisions"])]
    if new["revisions"].get("<fails>"):
        failures["revisions"].append(f"{new['revisions']['<fails>']} revisions do not rebuild (see problems)")

    # Log entries: page, model and dossier audit logs keep every entry, for the same models.
    for table, log in sorted(old["log_entries"].items()):
        now = new["log_entries"].get(table)
        if now is None:
            failures["log entries"].append(f"{table} is no longer a log entry model")
            continue
        failures["log entries"] += [f"{table} entries for {line}" for line in _covers(now["by_model"], log["by_model"])]

    # Dossiers: same receipt codes, same files, each file opens and downloads.
    if not old["dossiers"]:
        failures["dossiers"].append("the old database has no dossiers: the demo data changed?")
    for code, dossier in sorted(old["dossiers"].items()):
        now = new["dossiers"].get(code)
        if now is None:
            failures["dossiers"].append(f"dossier {code} is gone")
        elif now["files"] != dossier["files"] or now["status"] != dossier["status"]:
            failures["dossiers"].append(f"dossier {code}: {dossier['status']} {dossier['files']} → {now}")
    for column, rows in sorted(old["files"].items()):
        now = new["files"].get(column, {})
        for pk, (name, size) in sorted(rows.items()):
            if now.get(pk) != [name, size]:
                failures["files"].append(f"{column} row {pk}: {name} ({size} bytes) → {now.get(pk)}")

    # Rights: groups keep their permissions; users keep theirs and their rights on every site.
    for key in ("group_permissions", "group_page_permissions", "group_collection_permissions", "user_permissions"):
        before, after = _rows(old[key]), _rows(new[key])
        failures["permissions"] += [f"{key}: lost {' / '.join(row)}" for row in sorted(before - after)]
        failures["permissions"] += [f"{key}: gained {' / '.join(row)}" for row in sorted(after - before)]
    for user, sites in sorted(old["site_root_rights"].items()):
        for host, rights in sorted(sites.items()):
            now = new["site_root_rights"].get(user, {}).get(host)
            if now != rights:
                failures["permissions"].append(f"{user} on {host}: {rights} → {now}")
    editor = new["site_root_rights"].get(EDITOR, {}).get(EDITOR_HOST, {})
    if not (editor.get("can_edit") and not editor.get("can_publish")):
        failures["permissions"].append(f"editor {EDITOR} on {EDITOR_HOST}: can edit, cannot publish expected, {editor}")
    moderator = new["site_root_rights"].get(MODERATOR, {}).get(EDITOR_HOST, {})
    if not (moderator.get("can_edit") and moderator.get("can_publish")):
        failures["permissions"].append(f"moderator {MODERATOR} on {EDITOR_HOST}: can publish expected, {moderator}")

    # The admin opens (page editor of every type, snippets, history, dossiers; the editor's own pages).
    for label, status in sorted(new["admin_status"].items()):
        if status != 200:
            failures["admin"].append(f"{label} answers {status}")
    own = [code for code, status in old["officer_desk"].items() if code != "index" and status == 200]
    if new["officer_desk"] != old["officer_desk"] or not own:
        failures["dossiers"].append(f"{OFFICER}'s dossier desk: {old['officer_desk']} → {new['officer_desk']}")
    for query, answer in sorted(old["search"].items()):
        now = new["search"].get(query, {})
        if now.get("autocomplete") != answer.get("autocomplete") or now.get("page_status") != 200:
            failures["search"].append(f"{query!r}: {answer} → {now}")

    # Whatever the snapshot itself found (stale references, entries that do not format, lost has_perm).
    failures["problems found by the check"] += new["problems"]
    return {category: lines for category, lines in failures.items() if lines}


def report(failures: dict[str, list[str]]) -> str:
    out = []
    for category, lines in failures.items():
        out.append(f"{category} ({len(lines)}):")
        out += [f"  - {line}" for line in lines[:MAX_LINES]]
        if len(lines) > MAX_LINES:
            out.append(f"  … and {len(lines) - MAX_LINES} more")
    return "\n".join(out)


@pytest.fixture
def upgrade_db(tmp_path):
    reason = commit_available(LEGACY_COMMIT)
    if reason:
        pytest.skip(f"upgrade test needs the old main {LEGACY_COMMIT} in the git history: {reason}")
    try:
        engine, url = upgrade_database_url(
            os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), tmp_path / "upgrade.sqlite3"
        )
    except ValueError as exc:
        pytest.skip(str(exc))
    if engine == "postgresql":
        recreate_postgres_database(url)
    yield engine, url
    if engine == "postgresql" and os.environ.get("PORTAL_UPGRADE_KEEP_DB") != "1":
        recreate_postgres_database(url, drop_only=True)


def test_an_old_database_migrates_without_losing_a_row_or_a_right(upgrade_db, tmp_path):
    engine, url = upgrade_db
    started = time.monotonic()
    run = LegacyRun(tmp_path, url)
    old_tree = export_tree(LEGACY_COMMIT, tmp_path / "legacy")
    run.timings["export"] = round(time.monotonic() - started, 1)

    # The old main builds and fills its database, and says what is in it.
    run.manage("old-migrate", old_tree, "migrate", "--no-input", "-v0")
    run.manage("old-load-demo", old_tree, "load_demo")
    run.command("old-seed", old_tree, "seed")
    old = run.snapshot("old-snapshot", old_tree)
    assert not old["problems"], "the old database is already broken:\n" + "\n".join(old["problems"][:MAX_LINES])
    assert old["pages"] and old["dossiers"] and old["files"], "the old demo loader built no pages, dossiers or files"

    # The current code migrates it, and opens everything.
    migrated = run.manage("new-migrate", REPO_ROOT, "migrate", "--no-input", "-v1")
    new = run.check("new-check", REPO_ROOT)

    run.timings["total"] = round(time.monotonic() - started, 1)
    applied = [line.strip() for line in migrated.splitlines() if line.strip().startswith("Applying")]
    summary = (
        f"upgrade from {LEGACY_COMMIT} on {engine}: {len(old['pages'])} pages, {len(old['dossiers'])} dossiers, "
        f"{sum(map(len, old['files'].values()))} files, {sum(old['revisions'].values())} revisions, "
        f"{sum(log['count'] for log in old['log_entries'].values())} log entries; "
        f"{len(applied)} new migrations.\nSeconds per step, wall (CPU of the step's processes): "
        + ", ".join(f"{step} {wall} ({run.cpu.get(step, '-')})" for step, wall in run.timings.items())
        + f".\nLogs and snapshots: {tmp_path}"
    )
    print(summary)
    failures = compare(old, new)
    assert not failures, f"{summary}\n\n{report(failures)}"
