"""`make bench`: the portal against a plain Wagtail page, on both engines, behind nginx, in one run (issue #18).

    .venv/bin/python bench/run.py                                   # everything (about an hour)
    .venv/bin/python bench/run.py --news 5000 --duration 5          # a quick look
    .venv/bin/python bench/run.py --parts reference,sqlite          # some parts only

Parts, in this order, all on 127.0.0.1, one after the other (never two loads at once):

1. ``reference``: a plain Wagtail project made by ``wagtail start`` (bench/reference.py):
   default settings, DEBUG off, SQLite, one page with a title, rich text and an image;
2. ``postgresql`` and ``sqlite``: the portal seeded at province scale on each engine
   (bench/portal.py): every page type with the page cache and fragment caches off
   ("cold"), with fragments warm but no page cache ("warm"), and with the page cache
   ("cached"); search, submission and lookup; on SQLite also 16 clients mixing
   searches, lookups and submissions (the count of 5xx answers); then the search
   table of bench/search_bench.py on that database;
3. ``nginx``: the deployed shape (deploy/nginx): a static file of the procedure page's
   size against the procedure page from nginx's microcache (bench/nginx_bench.py);
4. ``admin``: an agency editor's admin views at 250 and at 13 agencies (bench/admin_bench.py).

Every server gets the same gunicorn command (bench/serving.py) and the same wrk script
(bench/wrk.lua, 2 threads). The table is printed, and written to test-results/bench.json
with the load average at the start and end. Figures are never asserted: they depend on
the machine and its load.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import machine, print_report  # noqa: E402
from bench.prepare import log  # noqa: E402

PARTS = ("reference", "postgresql", "sqlite", "nginx", "admin")
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
SQLITE_PATH = Path(tempfile.gettempdir()) / "portal_bench.sqlite3"


def reference_part(args) -> dict:
    from bench import reference

    row = reference.measure(args)
    log(f"plain Wagtail page: {row['rps']:.1f} req/s, p95 {row['p95_ms']:.0f} ms")
    return row


def python_part(code: str) -> object:
    """Run ``code`` in a fresh interpreter (each part sets Django up its own way); its last line is JSON."""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, text=True, stdout=subprocess.PIPE, check=False)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if result.returncode or not lines:
        log(f"part failed (exit {result.returncode})")
        return None
    return json.loads(lines[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, from {', '.join(PARTS)}")
    parser.add_argument("--agencies", type=int, default=250)
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--news", type=int, default=50000)
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario (after a 3 s warm-up)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="page scenarios: the duration split into rounds, the median reported"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8190)
    parser.add_argument("--sample", type=int, default=200, help="distinct URLs per page scenario")
    parser.add_argument("--search-runs", type=int, default=20)
    parser.add_argument("--admin-runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--no-seed", action="store_true", help="reuse the databases a --keep run left")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install -y wrk (make bench does it)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    report: dict = {
        "meta": {
            "machine": machine(),
            "load_start": os.getloadavg(),
            "workers": args.workers,
            "threads": args.threads,
            "connections": args.connections,
            "duration": args.duration,
            "rounds": args.rounds,
        }
    }
    log(f"load average {report['meta']['load_start']}")
    failed: list[str] = []
    if "reference" in parts:
        report["reference"] = reference_part(args)
    for engine, url in (("postgresql", PG_URL), ("sqlite", f"sqlite:///{SQLITE_PATH}")):
        if engine not in parts:
            continue
        out = Path(tempfile.mkstemp(prefix=f"bench-{engine}-", suffix=".json")[1])
        command = [sys.executable, str(ROOT / "bench" / "portal.py"), "--database-url", url, "--out", str(out),
                   "--agencies", str(args.agencies), "--procedures", str(args.procedures), "--news", str(args.news),
                   "--duration", str(args.duration), "--rounds", str(args.rounds), "--connections", str(args.connections),
                   "--workers", str(args.workers), "--threads", str(args.threads), "--port", str(args.port),
                   "--sample", str(args.sample), "--search-runs", str(args.search_runs)]  # fmt: skip
        if engine == "sqlite":
            command.append("--mixed")
        if args.keep:
            command.append("--keep")
        if args.no_seed:
            command.append("--no-seed")
        log(f"{engine}: {' '.join(command[1:])}")
        if subprocess.run(command, cwd=ROOT, check=False).returncode == 0:
            report[engine] = json.loads(out.read_text())
        else:
            failed.append(engine)
        out.unlink(missing_ok=True)
    if "nginx" in parts:
        report["nginx"] = python_part(
            "import json; from bench.nginx_bench import measure_nginx; "
            f"print(); print(json.dumps(measure_nginx({args.duration})))"
        )
        if report["nginx"] is None:
            failed.append("nginx")
    if "admin" in parts:
        report["admin"] = python_part(
            "import json; from bench.admin_bench import run_admin_bench; "
            f"rows = run_admin_bench(250, {args.admin_runs}, {PG_URL.replace('portal_bench', 'portal_bench_admin')!r}) "
            f"+ run_admin_bench(13, {args.admin_runs}, {PG_URL.replace('portal_bench', 'portal_bench_admin')!r}); "
            "print(); print(json.dumps(rows))"
        )
        if report["admin"] is None:
            failed.append("admin")
    report["meta"]["load_end"] = os.getloadavg()
    report["meta"]["total_seconds"] = time.perf_counter() - started
    print_report(report)
    out = ROOT / "test-results" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"Written to {out.relative_to(ROOT)}")
    if failed:
        log(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
