"""Admin at scale, timed (issue #18 item 5): an agency editor's admin views at 250 and at 13 agencies.

    .venv/bin/python bench/admin_bench.py --agencies 250 --agencies 13 --runs 30
    .venv/bin/python bench/admin_bench.py --agencies 13 --database-url sqlite:////tmp/bench_admin.sqlite3
    .venv/bin/python bench/admin_bench.py --agencies 250 --keep     # seed once, reuse on the next run

For each network size, in a process of its own (Django is set up once per
process, and each size has its own database: ``<name>_<agencies>``):

1. seeds the network with bench/seed.py (agencies with their sites, home pages,
   procedure and news sections, a few procedures and news articles each), gives
   one department a realistic amount of pages (300 procedures, 1,500 news), then
   provisions every agency as production does (site settings, collection,
   editors, moderators and officers groups, page and collection permissions on
   both home pages, a moderation workflow)
   and builds Wagtail's admin search index; with ``--keep`` an already seeded
   database is reused and kept;
2. logs in an editor of that department through Django's test Client, with
   ``config.settings.production`` (DEBUG off; Redis database 9 as the cache
   when Redis answers, else the in-memory cache; static files unhashed, so no
   collectstatic is needed);
3. requests each view a few times to warm up, then ``--runs`` times, timing
   each request; counts its SQL queries on one more request.

Views: the dashboard, the explorer of the agency's home, the page chooser
browsing that home and searching a common word ("giấy phép"), and the edit view
of one of its procedures. Prints a table (view, agencies, p50, p95, queries,
and the median CPU time of the Django process per request: on a shared
machine the wall-clock figures follow the load, the CPU time much less);
``run_admin_bench()`` returns its rows for bench/run.py. Figures are printed,
never asserted. ``--profile VIEW`` runs cProfile over ``--runs`` requests of one
view instead (``PROFILE_LIMIT`` rows printed; ``PROFILE_OUT=file`` also writes
the stats for pstats' callers and callees).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench_admin"
REDIS_URL = "redis://127.0.0.1:6379/9"
#: The department that gets a realistic amount of pages, and whose editor is timed.
TARGET_PROCEDURES = 300
TARGET_NEWS = 1500
PER_AGENCY = 4  # procedures and news articles of every other agency
SEARCH_WORD = "giấy phép"
WARMUP = 3
#: Database names this bench may drop and create.
OWN_PREFIXES = ("portal_bench", "portal_h4")
VIEWS = ["dashboard", "explorer", "chooser_browse", "chooser_search", "procedure_edit"]


def log(message: str) -> None:
    print(f"[admin-bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def database_for(database_url: str, agencies: int) -> str:
    """Each network size in its own database: ``portal_bench_admin`` → ``portal_bench_admin_250``."""
    parts = urlsplit(database_url)
    if parts.scheme.startswith("sqlite"):  # sqlite:////tmp/x.sqlite3: an absolute path
        path = Path("/" + parts.path.lstrip("/"))
        return f"{parts.scheme}:///{path.with_name(f'{path.stem}_{agencies}{path.suffix}')}"
    return urlunsplit(parts._replace(path=f"{parts.path}_{agencies}"))


# The parent: one worker process per network size ----------------------------------------------


def run_admin_bench(agencies: int, runs: int, database_url: str, keep: bool = False, profile: str = "") -> list[dict]:
    """Time an agency editor's admin views in a network of ``agencies``; one row per view.

    ``database_url`` names the base database (``_<agencies>`` is appended); it is
    created and seeded, and dropped afterwards unless ``keep``.
    """
    url = database_for(database_url, agencies)
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--agencies", str(agencies)]
    command += ["--runs", str(runs), "--database-url", url] + (["--keep"] if keep else [])
    command += ["--profile", profile] if profile else []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "admin-bench-not-secret-" + "x" * 40),
        "ALLOWED_HOSTS": "*",
        "SECURE_SSL_REDIRECT": "0",
    }
    env.pop("REDIS_URL", None)
    if _redis_ok():
        env["REDIS_URL"] = REDIS_URL
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _redis_ok() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


def print_table(rows: list[dict], out=sys.stdout) -> None:
    out.write(f"{'view':<16} {'agencies':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'cpu p50 ms':>11}\n")
    for row in rows:
        out.write(
            f"{row['view']:<16} {row['agencies']:>8} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['queries']:>8}"
            f" {row.get('cpu_p50_ms', 0):>11.1f}\n"
        )
    out.flush()


# The worker ---------------------------------------------------------------------------------------


def _prepare_database(url: str, keep: bool) -> bool:
    """Create the database (dropping an old one unless ``keep``); True if it may hold a seeded network."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path)
        if path.exists() and keep:
            return True
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return False
    import psycopg2

    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name) or not name.startswith(OWN_PREFIXES):
        raise SystemExit(f"refusing to drop {name!r}: the database's name must start with {' or '.join(OWN_PREFIXES)}")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cur.fetchone() is not None
            if exists and keep:
                return True
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        admin.close()
    return False


def _drop_database(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{parts.path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg2

    name = parts.path.lstrip("/")
    if not name.startswith(OWN_PREFIXES):
        return
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _target_slug() -> str:
    """The first department of the seeded network: the one with many pages, whose editor is timed."""
    from sites.models import Agency

    return Agency.objects.filter(slug__startswith="bench-", kind="department").order_by("slug").first().slug


def seed_admin_network(agencies: int) -> None:
    """The network, the big department, the groups and workflows, Wagtail's admin search index."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.seed import Seeder
    from bench.vocabulary import KIND_PLAN
    from core.wagtail_hooks import ensure_site_settings
    from news.signals import grant_portal_moderation
    from sites import provisioning
    from sites.models import Agency

    # The seeder's first agency is the province (unless one exists); the first department follows.
    kinds = ["province"] + [kind for kind, count in KIND_PLAN for _ in range(count)]
    target_index = kinds.index("department") if "department" in kinds[:agencies] else min(1, agencies - 1)

    class AdminSeeder(Seeder):
        def spread(self, total):
            big = TARGET_PROCEDURES if total == self.n_procedures else TARGET_NEWS
            rest = max(total - big, 0)
            base, extra = divmod(rest, max(len(self.agencies) - 1, 1))
            counts, handed = [], 0
            for i in range(len(self.agencies)):
                if i == target_index:
                    counts.append(big)
                else:
                    counts.append(base + (1 if handed < extra else 0))
                    handed += 1
            return counts

    others = PER_AGENCY * (agencies - 1)
    t0 = time.perf_counter()
    AdminSeeder(agencies, others + TARGET_PROCEDURES, others + TARGET_NEWS, 20250815, out=sys.stderr).run()
    log(f"seeded in {time.perf_counter() - t0:.0f} s; provisioning groups and workflows…")
    t0 = time.perf_counter()
    # provision_agency's steps, except the home pages' titles and the sections the seeder already made
    # (re-titling publishes a revision of every home page: minutes at 250 agencies, for nothing timed here).
    with transaction.atomic():
        for agency in Agency.objects.filter(slug__startswith="bench-").select_related("home_page").order_by("slug"):
            provisioning._ensure_site(agency)
            provisioning._ensure_collection(agency)
            provisioning._ensure_groups(agency)
            provisioning._ensure_workflow(agency)
            agency.save()
            ensure_site_settings(agency)
            grant_portal_moderation(agency)
    log(f"provisioned {agencies} agencies in {time.perf_counter() - t0:.0f} s; building the admin search index…")
    t0 = time.perf_counter()
    call_command("update_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"admin search index in {time.perf_counter() - t0:.0f} s")


def _seeded(agencies: int) -> bool:
    from django.db.utils import DatabaseError

    from sites.models import Agency

    try:
        # Provisioning comes last: a network without its groups is not a seeded one.
        bench = Agency.objects.filter(slug__startswith="bench-")
        return bench.count() == agencies and not bench.filter(editors_group__isnull=True).exists()
    except DatabaseError:
        return False


def _editor(agency):
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=f"bench-editor-{agency.slug}", defaults={"email": f"editor@{agency.hostname}"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(agency.editors_group)
    return user


def _targets(agency) -> dict[str, str]:
    from urllib.parse import urlencode

    from django.urls import reverse

    from procedures.models import ProcedurePage

    home = agency.home_page
    procedure = ProcedurePage.objects.filter(agency=agency, locale__language_code="vi").order_by("path").first()
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[home.pk]),
        "chooser_browse": reverse("wagtailadmin_choose_page_child", args=[home.pk]),
        "chooser_search": reverse("wagtailadmin_choose_page_search") + "?" + urlencode({"q": SEARCH_WORD}),
        "procedure_edit": reverse("wagtailadmin_pages:edit", args=[procedure.pk]),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def time_views(agency, runs: int, agencies: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=agency.hostname, secure=True)
    client.force_login(_editor(agency))
    rows = []
    for view, url in _targets(agency).items():
        for _ in range(WARMUP):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{view}: {url} answered {response.status_code}")
        times, cpu = [], []
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        rows.append(
            {
                "view": view,
                "agencies": agencies,
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
                "cpu_p50_ms": round(statistics.median(cpu), 1),
                "queries": len(ctx.captured_queries),
                "runs": runs,
                "url": url,
                "database": connection.vendor,
            }
        )
        log(f"{view}: p50 {rows[-1]['p50_ms']} ms, p95 {rows[-1]['p95_ms']} ms, {rows[-1]['queries']} queries")
    return rows


def profile_view(agency, view: str, runs: int, limit: int = int(os.environ.get("PROFILE_LIMIT", "40"))) -> None:
    """cProfile ``runs`` requests of one view (after the warm-up); the top functions by cumulative time."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client(HTTP_HOST=agency.hostname, secure=True)
    client.force_login(_editor(agency))
    url = _targets(agency)[view]
    for _ in range(WARMUP):
        client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(url)
    profiler.disable()
    if os.environ.get("PROFILE_OUT"):  # for pstats / snakeviz: callers and callees of any function
        profiler.dump_stats(os.environ["PROFILE_OUT"])
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit // 2)


def worker(agencies: int, runs: int, url: str, keep: bool, profile: str = "") -> list[dict]:
    reuse = _prepare_database(url, keep)
    if os.environ.get("REDIS_URL") == REDIS_URL:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    import django

    django.setup()
    from django.conf import settings

    # Production settings, but static files without the manifest (no collectstatic in a bench run).
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.utils.functional import empty

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    storages.__dict__.pop("backends", None)
    storages._backends, storages._storages = None, {}
    staticfiles_storage._wrapped = empty
    assert not settings.DEBUG
    if not (reuse and _seeded(agencies)):
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        log(f"migrated in {time.perf_counter() - t0:.0f} s")
        if not _seeded(0):
            raise SystemExit("the database holds another network: drop it or run without --keep")
        seed_admin_network(agencies)
    from sites.models import Agency

    agency = Agency.objects.select_related("home_page", "editors_group").get(slug=_target_slug())
    try:
        if profile:
            profile_view(agency, profile, runs)
            return []
        return time_views(agency, runs, agencies)
    finally:
        if not keep:
            from django.db import connections

            connections.close_all()
            _drop_database(url)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, action="append", help="network size; repeat for several")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per view, after a warm-up")
    parser.add_argument("--database-url", default=os.environ.get("ADMIN_BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--keep", action="store_true", help="reuse an already seeded database, and keep it")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--profile", choices=VIEWS, help="cProfile one view instead of timing them all")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = args.agencies or [250, 13]

    if args.worker:
        rows = worker(sizes[0], args.runs, args.database_url, args.keep, args.profile)
        print(json.dumps(rows, ensure_ascii=False))
        return 0

    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = []
    for size in sizes:
        log(f"{size} agencies on {database_for(args.database_url, size)}")
        rows.extend(run_admin_bench(size, args.runs, args.database_url, keep=args.keep, profile=args.profile))
    if args.profile:
        return 0
    load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    rows.sort(key=lambda r: (VIEWS.index(r["view"]), -r["agencies"]))
    print(f"load average at start {load_before}, at end {load_after}; {args.runs} timed requests per view")
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps({"load": [load_before, load_after], "rows": rows}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
