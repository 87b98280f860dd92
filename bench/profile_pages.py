"""CPU per warm page view, in-process, against a database `bench/portal.py` seeded (issue #18).

    .venv/bin/python bench/portal.py --database-url postgres://postgres@127.0.0.1:5432/portal_bench_p \\
        --agencies 40 --procedures 800 --news 4000 --duration 3 --search-runs 0 --keep
    .venv/bin/python bench/profile_pages.py --database-url postgres://postgres@127.0.0.1:5432/portal_bench_p
    .venv/bin/python bench/profile_pages.py --database-url … --pages procedure --profile tottime

Production settings (DEBUG off, the page cache off, fragments on, Redis),
Django's test client through the whole middleware stack: each URL of the
bench's targets (bench/prepare.py) is requested once to warm it, then
``--rounds`` times; the median of ``time.process_time()`` per request is
printed per page type. CPU time, not the wall clock: it is what a loaded
machine inflates least. ``--page-cache`` times the page cache's hits instead.
``--profile`` runs cProfile over 10 more rounds of
the first page type and prints the top 20 by that key.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.prepare import REDIS_URL  # noqa: E402

PAGES = ["procedure", "news", "agency_home", "catalogue", "portal_home"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--urls", type=int, default=100, help="bench URLs per page type")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", default="", help="a pstats sort key: tottime, cumulative…")
    parser.add_argument("--page-cache", action="store_true", help="the page cache on: time its hits instead")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="profile-pages-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": args.database_url,
            "DATABASE_CONN_MAX_AGE": "600",
            "REDIS_URL": REDIS_URL,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "*",
            "SECURE_SSL_REDIRECT": "0",
            "SITE_PORT": "8190",
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "PAGE_CACHE_SECONDS": "600" if args.page_cache else "0",
            "FRAGMENT_CACHE_SECONDS": "3600",
            "LOG_LEVEL": "ERROR",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.prepare import collect_targets

    call_command("collectstatic", interactive=False, verbosity=0)
    targets = collect_targets(args.urls)
    client = Client()

    def get(line: str) -> None:
        host, path = line.split()[:2]
        response = client.get(path, HTTP_HOST=host)
        if response.status_code != 200:
            raise SystemExit(f"{line}: HTTP {response.status_code}")

    print(f"load average at start: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    names = [n for n in args.pages.split(",") if n]
    for name in names:
        lines = targets[name][: args.urls]
        for line in lines:
            get(line)
        cpu = []
        for _ in range(args.rounds):
            for line in lines:
                started = time.process_time()
                get(line)
                cpu.append((time.process_time() - started) * 1000)
        print(f"{name}: CPU median {statistics.median(cpu):.2f} ms over {len(cpu)} warm requests")
    if args.profile:
        profile = cProfile.Profile()
        lines = targets[names[0]][: args.urls]
        profile.enable()
        for _ in range(10):
            for line in lines:
                get(line)
        profile.disable()
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats(args.profile).print_stats(20)
        print(text.getvalue())
    print(f"load average at end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
