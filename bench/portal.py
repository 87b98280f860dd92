"""`make bench`, one engine: the portal seeded on PostgreSQL or SQLite, served by gunicorn, under wrk.

    .venv/bin/python bench/portal.py --database-url postgres://postgres@127.0.0.1:5432/portal_bench
    .venv/bin/python bench/portal.py --database-url sqlite:////tmp/portal_bench.sqlite3 --mixed

bench/run.py calls it once per engine (each engine needs its own Django
process) and reads the JSON it writes with ``--out``. What it does:

1. seeds the database with bench/seed.py (``--no-seed`` reuses one), adds
   English translations of a share of the news and one level-3 online form;
2. serves it with gunicorn in production settings (bench/serving.py) three
   times, and drives every page scenario with wrk each time:
   - ``cold``: page cache and fragment caches off: every request renders
     everything;
   - ``warm``: page cache off, fragment caches on and warmed by one pass over
     every URL: what a request costs when the page itself is not cached;
   - ``cached``: the page cache on, after one pass;
   the search, the form submission and the status lookup run once, in ``cold``;
3. with ``--mixed`` (the SQLite default): 16 clients at once mixing searches,
   status lookups and dossier submissions, counting answers of 500 and above;
4. the search table of bench/search_bench.py on the same database.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import SCENARIOS, median_round, round_seconds, run_wrk  # noqa: E402
from bench.prepare import (  # noqa: E402
    REDIS_URL,
    add_online_service,
    collect_targets,
    flush_redis,
    log,
    lookup_lines,
    recreate_database,
    translate_news,
)
from bench.serving import Server, csrf_pair, server_env, warm  # noqa: E402

MODES = {  # name: (page cache, fragment caches)
    "cold": (False, False),
    "warm": (False, True),
    "cached": (True, True),
}
MIXED_CONNECTIONS = 16


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def prepare_database(url: str) -> None:
    if is_sqlite(url):
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        recreate_database(url)


def drop_database(url: str) -> None:
    if is_sqlite(url):
        prepare_database(url)
    else:
        recreate_database(url, drop_only=True)


def submission_body(service: dict, token: str, workdir: Path) -> tuple[Path, str]:
    from bench.submissions import _multipart, jpeg

    spec = service["spec"]
    fields = {
        "csrfmiddlewaretoken": token,
        spec["applicant_name"]: "Nguyễn Văn Bench",
        spec["applicant_phone"]: "0912345678",
        spec["applicant_email"]: "bench@example.vn",
        spec["consent"]: "on",
    }
    files = {
        n: (f"tệp {i}.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf") if i % 2 == 0 else ("ảnh.jpg", jpeg(), "image/jpeg")
        for i, n in enumerate(spec["files"])
    }  # fmt: skip
    body, content_type = _multipart(fields, files)
    body_file = workdir / "submission.bin"
    body_file.write_bytes(body)
    return body_file, content_type


def mixed_run(args, service: dict, targets: dict, portal_host: str, workdir: Path) -> dict:
    """16 clients: six searches, three status lookups and one submission in every ten requests."""
    cookie, token = csrf_pair(args.port, service["host"], service["path"])
    body_file, content_type = submission_body(service, token, workdir)
    lookups = lookup_lines(portal_host, token, limit=60)
    searches = targets["search"]
    lines = []
    for n in range(60):
        lines += [searches[n % len(searches)]] * 6
        if lookups:
            lines += [lookups[n % len(lookups)]] * 3
        lines.append(f"{service['host']} {service['path']} @{body_file}")
    return run_wrk(args.port, lines, args.duration, MIXED_CONNECTIONS, workdir, "mixed", None, content_type, cookie)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--agencies", type=int, default=250)
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--news", type=int, default=50000)
    parser.add_argument("--translated", type=float, default=0.05)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page scenario, interleaved; the median")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8190)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument(
        "--mixed", action="store_true", help="the mixed-concurrency scenario (searches, lookups, submissions)"
    )
    parser.add_argument("--search-runs", type=int, default=20, help="runs per query of the search table (0: none)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    db_url = args.database_url
    engine = "sqlite" if is_sqlite(db_url) else "postgresql"
    redis_ok = flush_redis()
    os.environ.update(
        {"DATABASE_URL": db_url, "SITE_PORT": str(args.port), "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    )
    if redis_ok:
        os.environ["REDIS_URL"] = REDIS_URL
    meta: dict = {"engine": engine, "load_start": os.getloadavg(), "redis": redis_ok}
    if not args.no_seed:
        prepare_database(db_url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False
    if not args.no_seed:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        meta["migrate_seconds"] = time.perf_counter() - t0
        log(f"{engine}: migrated in {meta['migrate_seconds']:.0f} s; seeding…")
        from bench.seed import seed

        t0 = time.perf_counter()
        seed(args.agencies, args.procedures, args.news)
        meta["seed_seconds"] = time.perf_counter() - t0
        translated = translate_news(args.translated)
        log(f"{engine}: seeded in {meta['seed_seconds']:.0f} s, {translated} English articles")
    service = add_online_service()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from news.models import NewsArticlePage
    from procedures.models import ProcedurePage
    from sites.models import Agency

    meta["counts"] = (
        f"{Agency.objects.count()} agencies, {ProcedurePage.objects.count()} procedures, "
        f"{NewsArticlePage.objects.filter(locale__language_code='vi').count()} news articles "
        f"(+{NewsArticlePage.objects.filter(locale__language_code='en').count()} English)"
    )
    targets = collect_targets(args.sample)
    portal_host = targets["portal_home"][0].split()[0]
    connection.close()

    workdir = Path(tempfile.mkdtemp(prefix=f"portal-bench-{engine}-"))
    results: dict[str, dict] = {}
    server = None
    try:
        env = server_env(db_url, args.port, False, workdir)
        if not redis_ok:
            env.pop("REDIS_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        for mode, (page_cache, fragments) in MODES.items():
            env = server_env(db_url, args.port, page_cache, workdir, fragments=fragments)
            if not redis_ok:
                env.pop("REDIS_URL", None)
            flush_redis()
            server = Server(env, args.port, args.workers, args.threads)
            server.wait_ready(portal_host)
            if mode != "cold":
                warm(args.port, [line for name, _l, cached in SCENARIOS if cached for line in targets[name]])
            # The page scenarios in interleaved rounds (round 1 of each, then round 2 of each…): a transient
            # slowdown of the machine falls in one round of a scenario, and the median round is reported.
            rounds: dict[str, list[dict]] = {name: [] for name, _label, cached in SCENARIOS if cached}
            seconds = round_seconds(args.duration, args.rounds)
            for index in range(max(1, args.rounds)):
                for name in rounds:
                    row = run_wrk(args.port, targets[name], seconds, args.connections, workdir, name, warmup=not index)
                    rounds[name].append(row)
            for name, label, cached in SCENARIOS:
                if mode != "cold" and not cached:
                    continue
                if cached:
                    row = median_round(rounds[name])
                elif name == "submit":
                    cookie, token = csrf_pair(args.port, service["host"], service["path"])
                    body_file, content_type = submission_body(service, token, workdir)
                    row = run_wrk(args.port, [f"{service['host']} {service['path']}"], args.duration,
                                  args.connections, workdir, name, body_file, content_type, cookie)  # fmt: skip
                elif name == "lookup":
                    cookie, token = csrf_pair(args.port, portal_host, "/tra-cuu-ho-so/")
                    lines = lookup_lines(portal_host, token)
                    if not lines:
                        continue
                    row = run_wrk(args.port, lines, args.duration, args.connections, workdir, name, cookie=cookie)
                else:
                    row = run_wrk(args.port, targets[name], args.duration, args.connections, workdir, name)
                results[f"{name}:{mode}"] = row
                spread = f" (rounds {', '.join(f'{rps:.0f}' for rps in row['rounds_rps'])})" if cached else ""
                log(
                    f"{engine} {label} [{mode}]: {row['rps']:.1f} req/s{spread}, p95 {row['p95_ms']:.0f} ms, "
                    f"errors {row['errors']}"
                )
            if mode == "warm" and args.mixed:
                row = mixed_run(args, service, targets, portal_host, workdir)
                results["mixed"] = row
                log(f"{engine} mixed, {MIXED_CONNECTIONS} clients: {row['requests']} requests, "
                    f"{row['server_errors']} answers of 500 or above, p95 {row['p95_ms']:.0f} ms")  # fmt: skip
            meta[f"peak_rss_{mode}"] = server.peak_rss_mb()
            server.stop()
            server = None
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    search = []
    if args.search_runs:
        try:
            from bench.search_bench import run_queries
        except ImportError:
            run_queries = None
        if run_queries is not None:
            log(f"{engine}: search table, {args.search_runs} runs per query")
            search = run_queries(args.search_runs)
    from django.db import connections

    connections.close_all()
    if not args.keep and not args.no_seed:
        drop_database(db_url)
    meta["load_end"] = os.getloadavg()
    report = {"meta": meta, "results": results, "search": search}
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
