"""nginx's microcache against nginx's static files, in one run (issue #18, `make bench`'s nginx row).

The deployed shape (scripts/stack.py: Debian's nginx with deploy/nginx, two gunicorn, PostgreSQL,
Redis). wrk, 2 threads and 16 connections, measures in turn:

- ``static``: a file under /static/ of exactly the size of the procedure page, served by nginx;
- ``cached``: the procedure page itself, an anonymous view, answered from nginx's microcache
  (X-Cache-Status HIT; every PROXY_CACHE_SECONDS one request refreshes it in the background while
  the others keep getting the entry they had).

Both without Accept-Encoding (no gzip on either side). Target: ``cached`` at least 30% of
``static``. With ``runs`` > 1 each figure is the median, the runs alternating static and cached.

    .venv/bin/python bench/nginx_bench.py --duration 10                 # starts its own stack
    .venv/bin/python bench/nginx_bench.py --duration 10 --runs 3
    .venv/bin/python bench/nginx_bench.py --port 18080 --host hatinh.localhost --path /thu-tuc/…/
                                                                         # a stack already running

Its own stack uses the database NGINX_BENCH_DATABASE (default portal_nginx_bench, created if
missing, the demo network loaded) and Redis NGINX_BENCH_REDIS_URL (default db 14). Progress goes
to stderr; the figures are returned (and printed as JSON on stdout by the command).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.stack import Stack  # noqa: E402

THREADS, CONNECTIONS = 2, 16
STATIC_NAME = "nginx-bench"


def log(message: str) -> None:
    print(f"nginx bench: {message}", file=sys.stderr, flush=True)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        log("installing Debian's wrk")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)  # noqa: S607
        return shutil.which("wrk") or "/usr/bin/wrk"
    raise SystemExit("wrk is missing: sudo apt-get install -y wrk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, host: str, path: str) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wrk(port: int, host: str, path: str, seconds: int) -> dict:
    command = [
        ensure_wrk(), f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
        "-H", f"Host: {host}:{port}", f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not rps:
        raise RuntimeError(f"wrk gave no summary:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": float(rps.group(1)), "non_2xx": int(errors.group(1)) if errors else 0}


def procedure_page(stack: Stack) -> tuple[str, str]:
    """Host and path of a live procedure page of the stack's database (a Django process of its own)."""
    code = (
        "import django; django.setup()\n"
        "from procedures.models import ProcedurePage\n"
        "page = ProcedurePage.objects.live().public().order_by('pk').first()\n"
        "_site, root, path = page.get_url_parts()\n"
        "print('PAGE=' + root.split('://', 1)[1].split(':')[0] + ' ' + path)\n"
    )
    python = str(ROOT / ".venv" / "bin" / "python")
    out = subprocess.run([python, "-c", code], cwd=ROOT, env=stack.env, capture_output=True, text=True, check=True)  # noqa: S603
    host, path = out.stdout.rsplit("PAGE=", 1)[1].split()
    return host, path


def start_stack() -> Stack:
    database = os.environ.get("NGINX_BENCH_DATABASE", "portal_nginx_bench")
    port = free_port()
    stack = Stack(
        port=port,
        app_ports=(free_port(), free_port()),
        purge_port=free_port(),
        database_url=f"postgres://postgres@127.0.0.1:5432/{database}",
        redis_url=os.environ.get("NGINX_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        work=ROOT / "test-results" / "nginx-bench",
        extra_env={"GUNICORN_THREADS": "4"},
    )
    if "bench" not in database:
        raise SystemExit(f"refusing to drop {database!r}: the nginx bench's database name must contain 'bench'")
    # A database of its own, made afresh: a run that stopped half-way must not leave one without the demo.
    psql = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *psql, "--if-exists", "--force", database], capture_output=True, check=True)  # noqa: S603, S607
    subprocess.run(["createdb", *psql, database], capture_output=True, check=True)  # noqa: S603, S607
    created = True
    log(f"preparing a stack on {database} (release, demo data; log in {stack.work})")
    subprocess.run(["bash", str(ROOT / "scripts" / "ensure-nginx.sh")], check=True, capture_output=True)  # noqa: S603, S607
    stack.prepare(demo=created)
    stack.start()
    return stack


def measure_nginx(
    duration: int,
    *,
    runs: int = 1,
    stack: Stack | None = None,
    port: int | None = None,
    host: str | None = None,
    path: str | None = None,
    static_root: Path | None = None,
) -> dict:
    """req/s of a static file and of the procedure page from nginx's microcache, and their ratio.

    Give a running ``stack`` (scripts.stack.Stack), or ``port``, ``host``, ``path`` and
    ``static_root`` (the folder nginx serves /static/ from) of one; with neither, a stack of its
    own is started and stopped.
    """
    own = stack is None and port is None
    if own:
        stack = start_stack()
    try:
        if stack is not None:
            port = stack.port
            static_root = stack.work / "public" / "static"
            if not (host and path):
                host, path = procedure_page(stack)
        assert port and host and path and static_root, "a stack, or its port, host, path and static root"
        # The page through nginx until nginx answers it from the microcache.
        status, headers, body = fetch(port, host, path)
        for _ in range(20):
            if headers.get("x-cache-status") == "HIT":
                break
            time.sleep(0.1)
            status, headers, body = fetch(port, host, path)
        if status != 200 or headers.get("x-cache-status") != "HIT":
            raise RuntimeError(f"{host}{path}: {status}, X-Cache-Status {headers.get('x-cache-status')}")
        size = len(body)
        static_path = f"/static/{STATIC_NAME}/page-{size}.html"
        static_file = static_root / STATIC_NAME / f"page-{size}.html"
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(body)
        status, _headers, static_body = fetch(port, host, static_path)
        if status != 200 or len(static_body) != size:
            raise RuntimeError(f"{static_path}: {status}, {len(static_body)} bytes instead of {size}")
        log(f"{host}{path}: {size} bytes; static copy {static_path}; wrk {THREADS} threads, {CONNECTIONS} connections")
        static_runs, cached_runs, non_2xx = [], [], 0
        load_start = [round(x, 2) for x in os.getloadavg()]
        for number in range(1, runs + 1):
            for name, target, results in (("static", static_path, static_runs), ("cached", path, cached_runs)):
                wrk(port, host, target, 2)  # warm-up
                row = wrk(port, host, target, duration)
                results.append(row["rps"])
                non_2xx += row["non_2xx"]
                log(f"run {number}/{runs} {name}: {row['rps']:.0f} req/s ({row['non_2xx']} non-2xx)")
        _status, headers, _body = fetch(port, host, path)
        static_rps, cached_rps = statistics.median(static_runs), statistics.median(cached_runs)
        return {
            "static_rps": round(static_rps, 1),
            "cached_rps": round(cached_rps, 1),
            "ratio": round(cached_rps / static_rps, 3) if static_rps else None,
            "static_runs": static_runs,
            "cached_runs": cached_runs,
            "non_2xx": non_2xx,
            "bytes": size,
            "page": f"{host}{path}",
            "cache_status_after": headers.get("x-cache-status"),
            "duration": duration,
            "threads": THREADS,
            "connections": CONNECTIONS,
            # The machine's load average (1, 5, 15 min) before the first wrk run and after the last.
            "load_start": load_start,
            "load_end": [round(x, 2) for x in os.getloadavg()],
        }
    finally:
        if own and stack is not None:
            stack.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=1, help="runs of each; the medians are reported")
    parser.add_argument("--port", type=int, help="nginx of a stack already running (scripts/stack.py)")
    parser.add_argument("--host", help="with --port: the page's host")
    parser.add_argument("--path", help="with --port: the procedure page's path")
    parser.add_argument("--static-root", type=Path, help="with --port: where nginx serves /static/ from")
    args = parser.parse_args()
    if args.port and not (args.host and args.path):
        parser.error("--port needs --host and --path")
    static_root = args.static_root or ROOT / "test-results" / "stack" / "public" / "static"
    result = measure_nginx(
        args.duration, runs=args.runs, port=args.port, host=args.host, path=args.path,
        static_root=static_root if args.port else None,
    )  # fmt: skip
    print(f"static file (nginx):          {result['static_rps']:>10,.0f} req/s   runs {result['static_runs']}")
    print(f"procedure page (microcache):  {result['cached_rps']:>10,.0f} req/s   runs {result['cached_runs']}")
    print(f"ratio cached/static:          {result['ratio']:>10.1%}   (target ≥ 30%)")
    print(f"load average start {result['load_start']}, end {result['load_end']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
