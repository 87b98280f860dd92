"""Measure the public search on a seeded network: p50/p95 per query, with and without diacritics.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/search_bench.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/search_bench.py --runs 30

Seed the database first with ``bench/seed.py``. Each query is run ``--runs``
times (after one warm-up run) through the same code the search page uses
(``search.engines.search``: facet counts over every match, one ranked page of
ten hits, their documents), on the whole network in Vietnamese. With
``--page`` the whole search page is also rendered through Django's test
client (URLs, snippets, template), which is what a citizen waits for.
Exits non-zero if a p95 exceeds ``--target-ms`` (default: 100 ms on
PostgreSQL, 500 ms on SQLite).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

QUERIES = [
    "giấy phép lái xe",
    "doi giay phep lai xe",
    "đăng ký kết hôn",
    "dang ky khai sinh",
    "chứng chỉ hành nghề dược",
    "cap giay phep xay dung",
    "trợ cấp thất nghiệp",
    "ly lich tu phap",
    "dịch vụ công trực tuyến",
    "chuyen doi so",
]
TARGETS_MS = {"postgresql": 100.0, "sqlite": 500.0}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} CPU ({cpu}){memory}, Python {platform.python_version()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--page", action="store_true", help="also time the whole search page (HTTP)")
    parser.add_argument("--target-ms", type=float, default=None, help="p95 budget per query")
    parser.add_argument("queries", nargs="*", help="queries to time instead of the ten typical ones")
    args = parser.parse_args(argv)

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from wagtail.models import Locale

    from search import engines
    from search.models import SearchDocument
    from sites.models import Agency

    settings.DEBUG = False
    vendor = connection.vendor
    target = args.target_ms or TARGETS_MS.get(vendor, 500.0)
    locale = Locale.objects.get(language_code="vi")
    documents = SearchDocument.objects.count()
    agencies = Agency.objects.count()
    version = ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if vendor == "postgresql" else "SELECT 'SQLite ' || sqlite_version()")
        version = cursor.fetchone()[0].split(",")[0]
    print(f"Machine: {machine()}")
    print(
        f"Database: {version} ({connection.settings_dict['NAME']}); {documents} search documents, {agencies} agencies"
    )
    print(f"{args.runs} runs per query after one warm-up; target p95 < {target:.0f} ms\n")

    portal = Agency.objects.filter(kind="province", parent__isnull=True, site__isnull=False).first()
    client = Client(HTTP_HOST=portal.hostname) if (args.page and portal) else None

    header = f"{'query':<28} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    if client:
        header += f" {'page p50':>9} {'page p95':>9}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    all_times = []
    for query in args.queries or QUERIES:
        filters = engines.SearchFilters()
        outcome = engines.search(query, locale.pk, filters)  # warm-up
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            outcome = engines.search(query, locale.pk, filters)
            times.append((time.perf_counter() - started) * 1000)
        all_times += times
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        worst = max(worst, p95)
        line = f"{query:<28} {outcome.total:>7} {p50:>8.1f} {p95:>8.1f} {max(times):>8.1f}"
        if client:
            client.get("/search/", {"q": query})
            page_times = []
            for _ in range(max(5, args.runs // 2)):
                started = time.perf_counter()
                response = client.get("/search/", {"q": query})
                page_times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            line += f" {statistics.median(page_times):>9.1f} {percentile(page_times, 0.95):>9.1f}"
        print(line)
    print("-" * len(header))
    print(f"{'all queries':<28} {'':>7} {statistics.median(all_times):>8.1f} {percentile(all_times, 0.95):>8.1f}")
    verdict = "PASS" if worst < target else "FAIL"
    print(f"\nWorst per-query p95: {worst:.1f} ms — {verdict} (target {target:.0f} ms on {vendor})")
    return 0 if worst < target else 1


if __name__ == "__main__":
    sys.exit(main())
