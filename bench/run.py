"""`make bench`: a province-scale network on PostgreSQL, served by gunicorn in production settings, under load.

    .venv/bin/python bench/run.py                      # 250 agencies, 5,000 procedures, 50,000 news (~12 min)
    .venv/bin/python bench/run.py --news 5000 --duration 5   # a quick look

What it does, all on 127.0.0.1:

1. drops and creates the database ``portal_bench`` (``BENCH_DATABASE_URL``
   overrides it), migrates it and seeds it with bench/seed.py (agencies with
   their sites, procedures, news, the search index), then adds what the seeder
   leaves out: English translations of one news article in twenty, and one
   procedure with an online form (level 3);
2. collects static files and starts gunicorn with ``config.settings.production``
   (DEBUG off; SECRET_KEY, ALLOWED_HOSTS and SECURE_SSL_REDIRECT=0 set here,
   Redis database 7 as the cache, e-mail to the dummy backend);
3. drives it with wrk (Debian's package; the Makefile installs it), one
   scenario at a time, each ``--duration`` seconds after a 3-second warm-up:
   portal home, agency home, filtered catalogue, procedure page, news article,
   search, online form submission, status lookup. First with the page cache
   off (every request rendered: "cold"), then again with it on, after one pass
   over every URL ("warm");
4. prints a table (req/s, p50, p95, p99, errors per scenario, peak RSS of a
   gunicorn worker) with the seed time, writes it to test-results/bench.json,
   stops the server and drops the database (``--keep`` keeps it).

Figures are printed, never asserted: they depend on the machine and its load.
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

from bench.load import SCENARIOS, machine, print_table, run_wrk  # noqa: E402
from bench.prepare import (  # noqa: E402
    DEFAULT_DB,
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

# Main ------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=250)
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--news", type=int, default=50000)
    parser.add_argument("--translated", type=float, default=0.05, help="share of news articles translated to English")
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario (after a 3 s warm-up)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8190)
    parser.add_argument("--sample", type=int, default=200, help="distinct URLs per page scenario")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-seed", action="store_true", help="reuse an already seeded BENCH_DATABASE_URL")
    args = parser.parse_args(argv)

    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk (make bench does it)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    redis_ok = flush_redis()
    os.environ.update(
        {"DATABASE_URL": db_url, "SITE_PORT": str(args.port), "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    )
    if redis_ok:
        os.environ["REDIS_URL"] = REDIS_URL
    else:
        log("Redis is not reachable on 127.0.0.1:6379: each worker gets its own in-memory cache")
    log(f"load average {load_before}; database {urlsplit(db_url).path.lstrip('/')}")

    meta = {"machine": machine(), "load_before": load_before, "workers": args.workers, "threads": args.threads,
            "connections": args.connections, "duration": args.duration, "redis": redis_ok}  # fmt: skip
    import django

    if not args.no_seed:
        recreate_database(db_url)
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    if not args.no_seed:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        meta["migrate_seconds"] = time.perf_counter() - t0
        log(f"migrated in {meta['migrate_seconds']:.0f} s; seeding…")
        from django.db import connection

        from bench.seed import seed

        t0 = time.perf_counter()
        seed(args.agencies, args.procedures, args.news)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        meta["seed_seconds"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        translated = translate_news(args.translated)
        service = add_online_service()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        meta["extras_seconds"] = time.perf_counter() - t0
        log(
            f"seeded in {meta['seed_seconds']:.0f} s; {translated} English articles and an online form in {meta['extras_seconds']:.0f} s"
        )
    else:
        meta.update(migrate_seconds=0.0, seed_seconds=0.0, extras_seconds=0.0)
        service = add_online_service()

    from news.models import NewsArticlePage
    from procedures.models import ProcedurePage
    from sites.models import Agency

    meta["counts"] = (
        f"{Agency.objects.count()} agencies, {ProcedurePage.objects.count()} procedures, "
        f"{NewsArticlePage.objects.filter(locale__language_code='vi').count()} news articles "
        f"(+{NewsArticlePage.objects.filter(locale__language_code='en').count()} English translations)"
    )
    targets = collect_targets(args.sample)
    portal_host = targets["portal_home"][0].split()[0]

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    results: dict[str, dict] = {}
    server = None
    try:
        env = server_env(db_url, args.port, False, workdir)
        if not redis_ok:
            env.pop("REDIS_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        for mode in ("off", "on"):
            env = server_env(db_url, args.port, mode == "on", workdir)
            env["STATIC_ROOT"] = str(workdir / "static")
            if not redis_ok:
                env.pop("REDIS_URL", None)
            flush_redis()
            server = Server(env, args.port, args.workers, args.threads)
            server.wait_ready(portal_host)
            log(f"gunicorn up, page cache {mode}")
            if mode == "on":
                warm(args.port, [line for name, _l, cached in SCENARIOS if cached for line in targets[name]])
            for name, label, cached in SCENARIOS:
                if mode == "on" and not cached:
                    continue
                if name == "submit":
                    cookie, token = csrf_pair(args.port, service["host"], service["path"])
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
                log(f"{label} [{mode}]: {row['rps']:.1f} req/s, p95 {row['p95_ms']:.0f} ms, errors {row['errors']}")
            meta[f"peak_rss_{mode}"] = server.peak_rss_mb()
            server.stop()
            server = None
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        from django.db import connections

        connections.close_all()
        if not args.keep and not args.no_seed:
            recreate_database(db_url, drop_only=True)
            log("database dropped")
    meta["total_seconds"] = time.perf_counter() - started
    print_table(results, meta)
    out = ROOT / "test-results" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=2))
    print(f"Written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
