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
            body_file: Path | None = None, content_type: str = "", cookie: str = "") -> dict:  # fmt: skip
    targets = workdir / f"{name}.txt"
    targets.write_text("\n".join(lines) + "\n")
    args = [str(targets), str(body_file) if body_file else "-", content_type or "-", cookie or "-"]
    base = ["wrk", "-t2", f"-c{connections}", "--timeout", "30s", "-s", str(ROOT / "bench" / "wrk.lua")]
    url = f"http://127.0.0.1:{port}"
    subprocess.run([*base, "-d3s", url, "--", *args], capture_output=True, text=True, check=False)  # warm-up
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
        "error_detail": {k: data[k] for k in ("connect", "read", "write", "status", "timeout") if data[k]},
    }


# Report ----------------------------------------------------------------------


def machine() -> str:
    from bench.search_bench import machine as describe

    return describe()


def print_table(results: dict, meta: dict) -> None:
    print()
    print(f"Machine: {meta['machine']}")
    print(f"Load average before the run: {meta['load_before']}")
    print(
        f"Network: {meta['counts']}; seed {meta['seed_seconds']:.0f} s "
        f"(migrate {meta['migrate_seconds']:.0f} s, extras {meta['extras_seconds']:.0f} s)"
    )
    print(
        f"gunicorn: {meta['workers']} workers x {meta['threads']} threads (gthread), wrk: 2 threads, "
        f"{meta['connections']} connections, {meta['duration']} s per scenario"
    )
    print()
    header = f"{'scenario':<44} {'page cache':<10} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'requests':>9}"
    print(header)
    print("-" * len(header))
    for name, label, _cached in SCENARIOS:
        for mode in ("off", "on"):
            row = results.get(f"{name}:{mode}")
            if row is None:
                continue
            print(
                f"{label:<44} {mode:<10} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
                f"{row['p99_ms']:>8.1f} {row['errors']:>7} {row['requests']:>9}"
            )
    print()
    print(
        f"Peak RSS of a gunicorn worker: {meta['peak_rss_off']:.0f} MiB (cache off), {meta['peak_rss_on']:.0f} MiB (cache on)"
    )
    cold, hot = results.get("procedure:off"), results.get("procedure:on")
    if cold and hot and cold["rps"]:
        ratio = hot["rps"] / cold["rps"]
        print(f"Procedure page, warm cache vs uncached: {hot['rps']:.0f} / {cold['rps']:.0f} req/s = {ratio:.1f}x")
    print(f"Total time: {meta['total_seconds'] / 60:.1f} min")
