"""Queries, timings and a profile of the pages of issue #18 (docs/performance.md, "Where the time goes").

Not part of the suite (the name does not start with test_): run it by name, e.g.

    PROFILE_FRAG=3600 PROFILE_N=200 PROFILE_PROF=tottime PROFILE_TOP=20 .venv/bin/pytest -p no:cacheprovider \
        --reuse-db -q tests/performance/profile_pages.py

PROFILE_FRAG: FRAGMENT_CACHE_SECONDS (0 = every fragment off; the page cache stays off); PROFILE_N:
requests timed per page, after one that warms it; PROFILE_SQL=1: each query with where it comes from;
PROFILE_PROF: cProfile sort key, over 50 requests of the procedure page; PROFILE_OUT: where the
report goes (test-results/profile_pages.txt).
"""

import cProfile
import io
import os
import pstats
import statistics
import time
import traceback
from pathlib import Path

from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.performance.test_query_budgets import build_small_network

PAGES = ["procedure page", "news article", "agency home", "agency catalogue", "network catalogue, filtered"]
PAGES += ["portal home"]
ROOT = str(django_settings.BASE_DIR) + "/"


def where(stack) -> str:
    """The last project frames of a query's stack."""
    own = [f for f in stack if f.filename.startswith(ROOT) and "/.venv/" not in f.filename and f.filename != __file__]
    return " <- ".join(f"{f.filename[len(ROOT) :]}:{f.lineno}:{f.name}" for f in own[-4:])


def test_profile_pages(client, network, settings):
    settings.FRAGMENT_CACHE_SECONDS = int(os.environ.get("PROFILE_FRAG", "3600"))
    settings.PAGE_CACHE_SECONDS = 0
    settings.DEBUG = False
    pages, _parts = build_small_network(network)
    cache.clear()
    n = int(os.environ.get("PROFILE_N", "0"))
    out = []
    for name in PAGES:
        host, path, query = pages[name]
        address = f"{path}?{query}" if query else path
        client.get(address, HTTP_HOST=host)
        stacks = []

        def record(execute, sql, params, many, context, stacks=stacks):
            stacks.append(where(traceback.extract_stack()))
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(record):
            response = client.get(address, HTTP_HOST=host)
        assert response.status_code == 200
        out.append(f"== {name}: {len(ctx.captured_queries)} queries")
        if os.environ.get("PROFILE_SQL"):
            for query_, stack in zip(ctx.captured_queries, stacks, strict=True):
                out.append(f"   {query_['sql'][:200]}\n        @ {stack}")
        if n:
            wall, cpu = [], []
            for _ in range(n):
                started, cpu_started = time.perf_counter(), time.process_time()
                client.get(address, HTTP_HOST=host)
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            out.append(
                f"   wall median {statistics.median(wall):.2f} ms, "
                f"CPU (this process) median {statistics.median(cpu):.2f} ms over {n}"
            )
        if name == "procedure page" and os.environ.get("PROFILE_PROF"):
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(50):
                client.get(address, HTTP_HOST=host)
            profile.disable()
            text = io.StringIO()
            stats = pstats.Stats(profile, stream=text).sort_stats(os.environ["PROFILE_PROF"])
            stats.print_stats(int(os.environ.get("PROFILE_TOP", "20")))
            out.append(text.getvalue())
    report = Path(os.environ.get("PROFILE_OUT", str(Path(django_settings.BASE_DIR) / "test-results/profile_pages.txt")))
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(out), encoding="utf-8")
