"""The Django side of the upgrade test: run as a script inside a subprocess, against the old or the new code.

``python inspect_db.py seed | snapshot OUT.json [--baseline] | render OUT.json SHARD SHARDS`` — see
``legacy.py`` for the pytest side that drives it. Only Django and Wagtail APIs are used here, never the
portal's app labels, which the restructuring moves.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

# Sở Y tế's demo accounts (made by the old main's load_demo) and their site.
EDITOR = "bientap.soyte"
MODERATOR = "kiemduyet.soyte"
OFFICER = "motcua.soyte"  # one-stop desk officer: sees the dossiers of Sở Y tế only
EDITOR_HOST = "soyte.hatinh.localhost"
# Public search queries whose answers must not change (procedures and news of the demo).
SEARCH_QUERIES = ["giấy phép", "khai sinh", "lái xe"]
# Processes that render the live pages while the check runs (2 cores in CI are enough for 2).


# --------------------------------------------------------------------------------------------
# Django side: runs in a subprocess, with the old or the new code on sys.path
# --------------------------------------------------------------------------------------------


def _models_named(name: str):
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.model_name == name and not m._meta.proxy]


def _superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _client(user=None):
    from django.test import Client

    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def seed() -> None:
    """History a real database has and the demo does not: snippet edits, drafts, a page in moderation.

    Run once with the old code after ``load_demo``; only Wagtail APIs, so it works on any layout.
    """
    from django.contrib.auth import get_user_model

    from wagtail.log_actions import log
    from wagtail.models import Page, Site
    from wagtail.snippets.models import get_snippet_models

    admin = _superuser()
    # Model log entries (wagtailcore_modellogentry) for every snippet type with rows.
    for model in get_snippet_models():
        if issubclass(model, Page):
            continue
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            log(instance, "wagtail.edit", user=admin)
    # A draft revision (unpublished changes) on one page of every type.
    seen = set()
    for page in Page.objects.filter(depth__gt=2).order_by("path").specific():
        model = type(page)
        if model in seen or model is Page:
            continue
        seen.add(model)
        page.title = f"{page.title} (bản nháp)"
        page.save_revision(user=admin, log_action=True)
    # A page waiting for the agency's moderators: a workflow state and task state on a news article if any.
    editor = get_user_model().objects.filter(username=EDITOR).first()
    site = Site.objects.filter(hostname=EDITOR_HOST).first()
    if editor and site:
        pages = Page.objects.descendant_of(site.root_page, inclusive=True).live()
        page = (pages.filter(content_type__model="newsarticlepage").first() or site.root_page).specific
        workflow = page.get_workflow()
        if workflow is not None:
            page.save_revision(user=editor, log_action=True)
            workflow.start(page, editor)
    print(f"seeded: {len(seen)} draft revisions")


def snapshot(out_path: str, *, full: bool = True) -> None:
    """Everything the upgrade must keep, and whether it still opens; written as JSON to ``out_path``.

    Row counts are taken first: the checks that follow may add rows (a file download is logged).
    ``full=False`` (the old code's baseline) only counts: it does not rebuild revisions or open
    the admin — the old code is a fixed commit whose pages all open. Live pages are rendered by
    ``render``, in processes running next to this one (``LegacyRun.check``).
    """
    import collections
    from urllib.parse import urlsplit

    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, models
    from django.db.models import Q
    from django.urls import NoReverseMatch, reverse

    from wagtail.log_actions import registry as log_registry
    from wagtail.models import (
        BaseLogEntry,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Revision,
        Site,
    )

    problems: list[str] = []
    snap: dict = {"vendor": connection.vendor, "problems": problems}
    timings = snap["timings"] = {}
    clock = [time.monotonic()]

    def lap(name):
        now = time.monotonic()
        timings[name] = round(now - clock[0], 2)
        clock[0] = now

    # --- every table and its row count (FTS5 shadow tables are the engine's, not data) ---
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        shadows = set()
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            for (virtual,) in cursor.fetchall():
                shadows |= {f"{virtual}_{s}" for s in ("data", "idx", "docsize", "config", "content")}
        tables = {}
        for name in names:
            if name in shadows:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            tables[name] = cursor.fetchone()[0]
    snap["tables"] = tables
    lap("tables")

    # --- content types: every row resolves to a model, one row per model ---
    ct_by_id = {ct.pk: ct for ct in ContentType.objects.all()}
    unresolved = sorted(f"{ct.app_label}.{ct.model}" for ct in ct_by_id.values() if ct.model_class() is None)
    per_model = collections.defaultdict(list)
    for ct in ct_by_id.values():
        if ct.model_class() is not None:
            per_model[ct.model_class()._meta.label].append(f"{ct.app_label}.{ct.model}")
    snap["content_types"] = {
        "count": len(ct_by_id),
        "unresolved": unresolved,
        "duplicates": {label: sorted(rows) for label, rows in per_model.items() if len(rows) > 1},
        "models": sorted(ct.model for ct in ct_by_id.values()),
    }

    def ct_name(ct_id):
        ct = ct_by_id.get(ct_id)
        if ct is None:
            return f"<missing content type {ct_id}>"
        return ct.model if ct.model_class() is not None else f"<stale {ct.app_label}.{ct.model}>"

    # Every column that points to a content type (pages, revisions, log entries, permissions,
    # translation sources, workflow states, tags …): per model name, how many rows.
    references = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is ContentType:
                rows = model._default_manager.values_list(field.attname).annotate(n=models.Count("pk"))
                counts = collections.Counter()
                for ct_id, n in rows.order_by():
                    counts[ct_name(ct_id)] += n
                references[f"{model._meta.db_table}.{field.column}"] = dict(sorted(counts.items()))
                for name in counts:
                    if name.startswith("<"):
                        problems.append(f"{model._meta.db_table}.{field.column}: {counts[name]} rows point to {name}")
    snap["content_type_references"] = references
    lap("content_types")

    # --- pages: each loads as its own type; live pages have a URL ---
    pages = {}
    for page in Page.objects.order_by("path"):
        entry = {"content_type": ct_name(page.content_type_id), "live": page.live, "url_path": page.url_path}
        try:
            specific = page.specific
            entry["model"] = type(specific)._meta.model_name
        except Exception as exc:  # noqa: BLE001
            entry["model"] = None
            problems.append(f"page {page.pk} {page.url_path}: .specific fails: {exc!r}")
        if page.live:
            parts = page.get_url_parts()
            if parts:
                _site_id, root_url, path = parts
                entry["host"] = urlsplit(root_url).netloc
                entry["path"] = path
        pages[str(page.pk)] = entry
    snap["pages"] = pages
    lap("pages")

    # --- revisions: per type; in the full check each one rebuilds its object ---
    revisions = collections.Counter()
    queryset = Revision.objects.order_by("pk")
    if not full:
        for ct_id, n in queryset.order_by().values_list("content_type_id").annotate(n=models.Count("pk")):
            revisions[ct_name(ct_id)] += n
    else:
        resolved = [pk for pk, ct in ct_by_id.items() if ct.model_class() is not None]
        for ct_id, n in (
            queryset.exclude(content_type_id__in=resolved)
            .order_by()
            .values_list("content_type_id")
            .annotate(n=models.Count("pk"))
        ):
            revisions["<fails>"] += n
            problems.append(f"{n} revisions of {ct_name(ct_id)} cannot be rebuilt: no model")
        queryset = queryset.filter(content_type_id__in=resolved).prefetch_related("content_object")
        for revision in queryset.iterator(chunk_size=500):
            try:
                revision.as_object()
                revisions[ct_name(revision.content_type_id)] += 1
            except Exception as exc:  # noqa: BLE001
                revisions["<fails>"] += 1
                problems.append(
                    f"revision {revision.pk} ({ct_name(revision.content_type_id)}): as_object fails: {exc!r}"
                )
    snap["revisions"] = dict(sorted(revisions.items()))
    lap("revisions")

    # --- log entries (pages, models, the dossier audit trail): each resolves and formats ---
    logs = {}
    for model in apps.get_models():
        if not issubclass(model, BaseLogEntry) or model._meta.abstract:
            continue
        table = model._meta.db_table
        per_type = collections.Counter()
        for ct_id, action, n in (
            model.objects.order_by().values_list("content_type_id", "action").annotate(n=models.Count("pk"))
        ):
            per_type[ct_name(ct_id)] += n
            if not log_registry.action_exists(action):
                problems.append(f"{table}: action {action!r} is not registered ({n} entries)")
            entry = model.objects.filter(content_type_id=ct_id, action=action).first()
            target = ct_by_id[ct_id].model_class() if ct_id in ct_by_id else None
            if target is None:
                continue  # reported with the content-type references
            try:
                str(entry.message)
                name = entry.object_verbose_name
                str(name() if callable(name) else name)
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{table} {entry.pk} ({action}): does not format: {exc!r}")
            if log_registry.get_log_model_for_model(target) is not model:
                problems.append(
                    f"{table}: entries for {target._meta.label} are now logged to "
                    f"{log_registry.get_log_model_for_model(target)._meta.db_table}: history views miss them"
                )
        logs[table] = {"count": sum(per_type.values()), "by_model": dict(sorted(per_type.items()))}
    snap["log_entries"] = logs
    lap("log_entries")

    # --- every stored file (documents, images, dossier files) opens from its storage ---
    files = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            key = f"{model._meta.db_table}.{field.column}"
            found = files[key] = {}
            for pk, name in model._default_manager.exclude(**{field.attname: ""}).values_list("pk", field.attname):
                try:
                    with field.storage.open(name, "rb") as handle:
                        found[str(pk)] = [name, len(handle.read())]
                except Exception as exc:  # noqa: BLE001
                    found[str(pk)] = [name, None]
                    problems.append(f"{key} row {pk}: file {name} does not open: {exc!r}")
    snap["files"] = files
    lap("files")

    # --- dossiers, by receipt code, with their files ---
    dossier_models = _models_named("dossier")
    dossiers = {}
    dossier_files_key = None
    if len(dossier_models) != 1:
        problems.append(f"expected one model named 'dossier', found {[m._meta.label for m in dossier_models]}")
    else:
        Dossier = dossier_models[0]
        file_model = next(
            m
            for m in _models_named("dossierfile")
            if any(getattr(f, "related_model", None) is Dossier for f in m._meta.fields)
        )
        link = next(f for f in file_model._meta.fields if getattr(f, "related_model", None) is Dossier)
        file_field = next(f for f in file_model._meta.fields if isinstance(f, models.FileField))
        dossier_files_key = f"{file_model._meta.db_table}.{file_field.column}"
        for dossier in Dossier._default_manager.order_by("pk"):
            rows = file_model._default_manager.filter(**{link.name: dossier}).order_by("pk")
            dossiers[dossier.receipt_code] = {
                "pk": dossier.pk,
                # The dossier-life migration maps the old "completed" to "result ready" (docs/online-services.md).
                "status": {"completed": "result_ready"}.get(dossier.status, dossier.status),
                "files": [[row.pk, getattr(row, file_field.name).name, row.original_name] for row in rows],
            }
    snap["dossiers"] = dossiers
    lap("dossiers")

    # --- groups and permissions ---
    Through = Group.permissions.through
    snap["group_permissions"] = sorted(
        [row.group.name, ct_name(row.permission.content_type_id), row.permission.codename]
        for row in Through.objects.select_related("group", "permission")
    )
    snap["group_page_permissions"] = sorted(
        [gpp.group.name, gpp.page.url_path, gpp.permission.codename]
        for gpp in GroupPagePermission.objects.select_related("group", "page", "permission")
    )
    snap["group_collection_permissions"] = sorted(
        [gcp.group.name, gcp.collection.name, gcp.permission.codename]
        for gcp in GroupCollectionPermission.objects.select_related("group", "collection", "permission")
    )
    User = get_user_model()
    users = list(User.objects.filter(is_active=True, is_superuser=False).order_by("username"))
    user_permissions = {}
    for user in users:
        granted = Permission.objects.filter(Q(user=user) | Q(group__user=user)).distinct()
        rows = []
        for perm in granted.select_related("content_type"):
            model = perm.content_type.model_class()
            rows.append([ct_name(perm.content_type_id), perm.codename])
            # ModelBackend checks "<app label of the permission's content type>.<codename>":
            # the model's current app label must be the one its permissions are stored under.
            if model is not None and not user.has_perm(f"{model._meta.app_label}.{perm.codename}"):
                problems.append(f"{user.username} lost {model._meta.app_label}.{perm.codename}")
        user_permissions[user.username] = sorted(rows)
    snap["user_permissions"] = user_permissions

    sites = list(Site.objects.select_related("root_page").order_by("hostname", "port"))
    rights = {}
    for user in users:
        rights[user.username] = {}
        for site in sites:
            tester = site.root_page.specific.permissions_for_user(user)
            rights[user.username][site.hostname] = {
                "can_edit": tester.can_edit(),
                "can_publish": tester.can_publish(),
                "can_add_subpage": tester.can_add_subpage(),
            }
    snap["site_root_rights"] = rights
    lap("permissions")

    # --- public search: the autocomplete API answers the same, the search page opens ---
    from django.utils import translation

    portal = next((s for s in sites if s.is_default_site), sites[0])
    anonymous = _client()
    search = {}
    with translation.override("vi"):
        search_url = reverse("portal_search:search")
        autocomplete_url = reverse("portal_search:autocomplete")
    for query in SEARCH_QUERIES:
        response = anonymous.get(autocomplete_url, {"q": query}, HTTP_HOST=portal.hostname)
        search[query] = {"autocomplete_status": response.status_code}
        if response.status_code == 200:
            search[query]["autocomplete"] = [[r["title"], r["url"]] for r in response.json()["results"]]
        if full:
            response = anonymous.get(search_url, {"q": query}, HTTP_HOST=portal.hostname)
            search[query]["page_status"] = response.status_code
    snap["search"] = search
    lap("search")

    # --- the one-stop officer's dossier desk: the same dossiers open, the others stay closed ---
    officer = User.objects.filter(username=OFFICER).first()
    desk = {}
    if officer is not None:
        officer_client = _client(officer)
        try:
            desk["index"] = officer_client.get(reverse("online_services_admin:index")).status_code
            for code, dossier in dossiers.items():
                url = reverse("online_services_admin:detail", args=[dossier["pk"]])
                desk[code] = officer_client.get(url).status_code
        except NoReverseMatch as exc:
            problems.append(f"dossier desk: {exc}")
    snap["officer_desk"] = desk

    if not full:
        Path(out_path).write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True))
        return

    # --- the admin: page editor per page type, snippets, history report, dossiers, editors' rights ---
    admin = _superuser()
    client = _client(admin)
    admin_status = {}

    def get(label, url, c=client):
        response = c.get(url)
        admin_status[label] = response.status_code
        if response.status_code >= 500:
            problems.append(f"admin {label} ({url}) answers {response.status_code}")
        return response

    first_of_type = {}
    for pk, entry in pages.items():
        if entry["model"] and entry["url_path"] != "/":
            first_of_type.setdefault(entry["model"], pk)
    for model_name, pk in sorted(first_of_type.items()):
        get(f"page edit {model_name}", reverse("wagtailadmin_pages:edit", args=[pk]))
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        viewset = model.snippet_viewset
        get(f"snippet list {model._meta.model_name}", reverse(viewset.get_url_name("list")))
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            get(f"snippet edit {model._meta.model_name}", reverse(viewset.get_url_name("edit"), args=[instance.pk]))
    get("site history report", reverse("wagtailadmin_reports:site_history"))
    try:
        for code, dossier in dossiers.items():
            get(f"dossier {code}", reverse("online_services_admin:detail", args=[dossier["pk"]]))
            for file_pk, _name, _original in dossier["files"]:
                response = get(
                    f"dossier file {code}/{file_pk}",
                    reverse("online_services_admin:file", args=[dossier["pk"], file_pk]),
                )
                if response.status_code == 200:
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    size = files.get(dossier_files_key, {}).get(str(file_pk), [None, None])[1]
                    if size is not None and len(body) != size:
                        problems.append(f"dossier file {code}/{file_pk}: download is {len(body)} bytes, file {size}")
    except NoReverseMatch as exc:
        problems.append(f"dossier admin views: {exc}")

    for username in (EDITOR, MODERATOR):
        user = User.objects.filter(username=username).first()
        site = next((s for s in sites if s.hostname == EDITOR_HOST), None)
        if user and site:
            user_client = _client(user)
            get(f"{username} dashboard", reverse("wagtailadmin_home"), user_client)
            get(
                f"{username} edits {EDITOR_HOST}",
                reverse("wagtailadmin_pages:edit", args=[site.root_page_id]),
                user_client,
            )
    snap["admin_status"] = admin_status
    lap("admin")

    Path(out_path).write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True))


def live_pages():
    """(pk, host, path) of every live page that has a URL, in tree order."""
    from urllib.parse import urlsplit

    from wagtail.models import Page

    for page in Page.objects.live().order_by("path"):
        parts = page.get_url_parts()
        if parts:
            yield str(page.pk), urlsplit(parts[1]).netloc, parts[2]


def render(out_path: str, shard: int, shards: int) -> None:
    """Every ``shards``-th live page, from ``shard``, rendered anonymously on its own site: {pk: status}."""
    client = _client()
    status = {}
    for index, (pk, host, path) in enumerate(live_pages()):
        if index % shards == shard:
            status[pk] = client.get(path, HTTP_HOST=host).status_code
    Path(out_path).write_text(json.dumps(status))


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command = argv[0]
    if command == "seed":
        seed()
    elif command == "snapshot":
        snapshot(argv[1], full="--baseline" not in argv[2:])
    elif command == "render":
        render(argv[1], int(argv[2]), int(argv[3]))
    else:
        raise SystemExit(
            f"unknown command {command!r}: seed | snapshot OUT.json [--baseline] | render OUT.json SHARD SHARDS"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
