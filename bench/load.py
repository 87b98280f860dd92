"""`make bench`: the scenarios, one wrk run per scenario, and the table of results."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (name, label, cached by the page cache)
SCENARIOS = [
    ("portal_home", "Trang chủ cổng tỉnh (portal home)", True),
    ("agency_home", "Trang chủ cơ quan (agency home)", True),
    ("catalogue", "Danh mục TTHC có lọc (filtered catalogue)", True),
    ("procedure", "Trang thủ tục (procedure page)", True),
    ("news", "Tin bài (news article)", True),
    ("search", "Tìm kiếm (search)", False),
    ("submit", "Nộp hồ sơ trực tuyến (form submission)", False),
    ("lookup", "Tra cứu hồ sơ (status lookup)", False),
]


# Load ------------------------------------------------------------------------


def run_wrk(port: int, lines: list[str], duration: int, connections: int, workdir: Path, name: str,
            body_file: Path | None = None, content_type: str = "", cookie: str = "", warmup: bool = True) -> dict:  # fmt: skip
    targets = workdir / f"{name}.txt"
    targets.write_text("\n".join(lines) + "\n")
    args = [str(targets), str(body_file) if body_file else "-", content_type or "-", cookie or "-"]
    base = ["wrk", "-t2", f"-c{connections}", "--timeout", "30s", "-s", str(ROOT / "bench" / "wrk.lua")]
    url = f"http://127.0.0.1:{port}"
    if warmup:
        subprocess.run([*base, "-d3s", url, "--", *args], capture_output=True, text=True, check=False)
    result = subprocess.run([*base, f"-d{duration}s", url, "--", *args], capture_output=True, text=True, check=False)
    match = re.search(r"WRK_JSON (\{.*\})", result.stdout)
    if not match:
        raise SystemExit(f"wrk gave no summary for {name}:\n{result.stdout}\n{result.stderr}")
    data = json.loads(match.group(1))
    seconds = data["duration_us"] / 1e6
    errors = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return {
        "requests": data["requests"],
        "rps": data["requests"] / seconds if seconds else 0.0,
        "p50_ms": data["p50_us"] / 1000,
        "p95_ms": data["p95_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "errors": errors,
        "server_errors": data.get("server_errors", 0),
        "error_detail": {k: data[k] for k in ("connect", "read", "write", "status", "timeout") if data[k]},
    }


def round_seconds(duration: int, rounds: int) -> int:
    """Seconds of each round when a scenario's ``duration`` is split into ``rounds`` (at least 2 s each)."""
    return max(2, -(-duration // max(1, rounds)))


def median_round(rows: list[dict]) -> dict:
    """One figure from a scenario's rounds: the round with the median req/s (the lower middle one for an
    even count), with the requests and errors of every round added up and each round's req/s listed.

    A single window of 20 s on a shared 2-core machine can fall in a transient slowdown (docs/performance.md,
    "Rounds"): the median of rounds spread over the run is the figure a re-run reproduces; the slowest
    round is kept in ``rounds_rps`` so that nothing is hidden.
    """
    ordered = sorted(rows, key=lambda row: row["rps"])
    row = dict(ordered[(len(ordered) - 1) // 2])
    for key in ("requests", "errors", "server_errors"):
        row[key] = sum(r.get(key, 0) for r in rows)
    detail: dict[str, int] = {}
    for r in rows:
        for key, count in r.get("error_detail", {}).items():
            detail[key] = detail.get(key, 0) + count
    row["error_detail"] = detail
    row["rounds_rps"] = [round(r["rps"], 1) for r in rows]
    return row


def run_rounds(port: int, lines: list[str], duration: int, connections: int, workdir: Path, name: str,
               rounds: int) -> dict:  # fmt: skip
    """``rounds`` consecutive runs of one scenario (warm-up before the first only), as ``median_round``."""
    seconds = round_seconds(duration, rounds)
    rows = [
        run_wrk(port, lines, seconds, connections, workdir, name, warmup=not index) for index in range(max(1, rounds))
    ]
    return median_round(rows)


# Report ----------------------------------------------------------------------


def machine() -> str:
    from bench.search_bench import machine as describe

    return describe()


def fmt_load(values) -> str:
    return ", ".join(f"{x:.2f}" for x in values) if values else "?"


def print_rows(rows: list[dict]) -> None:
    """A list of dicts as a table: the first row's scalar keys, in order (lists of raw timings are left out)."""
    if not rows:
        print("(none)")
        return
    keys = [k for k, v in rows[0].items() if isinstance(v, str | int | float | bool) or v is None]  # no lists
    cells = [[f"{r.get(k):.1f}" if isinstance(r.get(k), float) else str(r.get(k, "")) for k in keys] for r in rows]
    widths = [max(len(k), *(len(c[i]) for c in cells)) for i, k in enumerate(keys)]
    print("  ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)))


def print_report(report: dict) -> None:
    meta = report["meta"]
    print()
    print(f"Machine: {meta['machine']}")
    print(f"Load average at start: {fmt_load(meta['load_start'])}; at end: {fmt_load(meta.get('load_end'))}")
    print(f"gunicorn: {meta['workers']} workers x {meta['threads']} threads (gthread), the same for every server; "
          f"wrk: 2 threads, {meta['connections']} connections, {meta['duration']} s per scenario after 3 s of warm-up")  # fmt: skip
    if meta.get("rounds", 1) > 1:
        print(f"Page scenarios and the reference: {meta['rounds']} rounds each (interleaved across the page scenarios), "
              "the median round reported; 'slowest' is the slowest round's ratio")  # fmt: skip
    reference = report.get("reference")
    ref_rps = reference["rps"] if reference else 0.0
    if reference:
        print(f"\nPlain Wagtail page (wagtail start, SQLite, DEBUG off): {ref_rps:.1f} req/s, "
              f"p50 {reference['p50_ms']:.1f} ms, p95 {reference['p95_ms']:.1f} ms, errors {reference['errors']}")  # fmt: skip
    for engine in ("postgresql", "sqlite"):
        leg = report.get(engine)
        if not leg:
            continue
        m, results = leg["meta"], leg["results"]
        print(f"\n== Portal on {engine}: {m.get('counts')}; seeded in {m.get('seed_seconds', 0):.0f} s")
        header = (f"{'scenario':<44} {'cold req/s':>10} {'warm req/s':>10} {'cached req/s':>12} "
                  f"{'warm p95':>9} {'cold/ref':>8} {'warm/ref':>8} {'slowest':>8} {'errors':>6}")  # fmt: skip
        print(header)
        print("-" * len(header))
        for name, label, page in SCENARIOS:
            rows = {mode: results.get(f"{name}:{mode}") for mode in ("cold", "warm", "cached")}
            if not any(rows.values()):
                continue
            rps = {mode: f"{row['rps']:.1f}" if row else "-" for mode, row in rows.items()}
            ratio = {
                mode: f"{row['rps'] / ref_rps:.2f}x" if row and ref_rps and page else "-" for mode, row in rows.items()
            }
            slowest = "-"
            if rows["warm"] and ref_rps and page and rows["warm"].get("rounds_rps"):
                slowest = f"{min(rows['warm']['rounds_rps']) / ref_rps:.2f}x"
            p95 = f"{(rows['warm'] or rows['cold'])['p95_ms']:.0f} ms"
            errors = sum(r["errors"] for r in rows.values() if r)
            print(f"{label:<44} {rps['cold']:>10} {rps['warm']:>10} {rps['cached']:>12} {p95:>9} "
                  f"{ratio['cold']:>8} {ratio['warm']:>8} {slowest:>8} {errors:>6}")  # fmt: skip
        mixed = results.get("mixed")
        if mixed:
            print(f"Mixed load, 16 clients (6 searches, 3 lookups, 1 submission in 10): {mixed['requests']} requests, "
                  f"{mixed['rps']:.1f} req/s, p95 {mixed['p95_ms']:.0f} ms, answers of 500 or above: "
                  f"{mixed['server_errors']}")  # fmt: skip
        print("Peak RSS of a gunicorn worker: " + ", ".join(
            f"{mode} {m.get(f'peak_rss_{mode}', 0):.0f} MiB" for mode in ("cold", "warm", "cached")))  # fmt: skip
        if leg.get("search"):
            print(f"\nSearch on {engine} (bench/search_bench.py):")
            print_rows(leg["search"])
    nginx = report.get("nginx")
    if nginx:
        print("\n== nginx (deploy/nginx, microcache):")
        print_rows([nginx] if isinstance(nginx, dict) else nginx)
    admin = report.get("admin")
    if admin:
        print("\n== Admin as an agency editor (bench/admin_bench.py):")
        print_rows(admin)
    print(f"\nTotal time: {meta.get('total_seconds', 0) / 60:.1f} min")
