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
import contextlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench"
REDIS_URL = "redis://127.0.0.1:6379/7"
SEARCHES = [
    "giấy phép lái xe",
    "doi giay phep lai xe",
    "đăng ký kết hôn",
    "chứng chỉ hành nghề dược",
    "cap giay phep xay dung",
    "trợ cấp thất nghiệp",
    "ly lich tu phap",
    "dịch vụ công trực tuyến",
]
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


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# Database ---------------------------------------------------------------------


def recreate_database(url: str, drop_only: bool = False) -> None:
    import psycopg2

    dsn = urlsplit(url)
    name = dsn.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name) or not name.startswith("portal_bench"):
        raise SystemExit(f"refusing to drop {name!r}: the bench database's name must start with portal_bench")
    admin = psycopg2.connect(
        host=dsn.hostname, port=dsn.port or 5432, user=dsn.username, password=dsn.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def flush_redis() -> bool:
    """Empty Redis database 7 (the bench's own); False when Redis is not reachable."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.flushdb()
        return True
    except Exception:
        return False


# Extras the seeder leaves out ---------------------------------------------------


def translate_news(fraction: float = 0.05, seed: int = 20250815) -> int:
    """English translations of a share of the news: an English news index per agency, then the articles."""
    from django.db import transaction

    from wagtail.models import Locale, Page

    from bench.seed import STEPLEN, Seeder
    from news.models import NewsArticlePage, NewsIndexPage

    seeder = Seeder(0, 0, 0, seed, out=open(os.devnull, "w"))  # noqa: SIM115 (lives as long as the seeder)
    en = Locale.objects.get(language_code="en")
    rng = random.Random(seed)
    english_homes = {p.translation_key: p for p in Page.objects.filter(depth=2, locale=en)}
    created = 0
    with transaction.atomic():
        index_rows, sources = [], []
        for index in NewsIndexPage.objects.filter(locale__language_code="vi", depth=3).select_related("agency"):
            home = Page.objects.get(path=index.path[: STEPLEN * 2])
            english_home = english_homes.get(home.translation_key)
            if english_home is None:
                continue
            position = english_home.numchild + 1
            index_rows.append(
                seeder.page_row(
                    english_home.path,
                    english_home.url_path,
                    position,
                    "News and events",
                    "tin-tuc",
                    en,
                    index.first_published_at,
                    translation_key=index.translation_key,
                    agency_id=index.agency_id,
                )
            )
            sources.append((index, english_home))
        english_indexes = seeder.insert_pages(NewsIndexPage, index_rows)
        for english_home in {h.pk: h for _i, h in sources}.values():
            Page.objects.filter(pk=english_home.pk).update(numchild=english_home.numchild + 1)
        picked = [
            pk
            for pk in NewsArticlePage.objects.filter(locale__language_code="vi")
            .order_by("pk")
            .values_list("pk", flat=True)
            if rng.random() < fraction
        ]
        by_parent: dict[str, list] = {}
        for article in NewsArticlePage.objects.filter(pk__in=picked).order_by("path"):
            by_parent.setdefault(article.path[:-STEPLEN], []).append(article)
        for (index, _home), english_index in zip(sources, english_indexes, strict=True):
            articles = by_parent.get(index.path, [])
            rows = []
            for n, article in enumerate(articles, start=1):
                rows.append(
                    seeder.page_row(
                        english_index.path,
                        english_index.url_path,
                        n,
                        f"[EN] {article.title}"[:255],
                        article.slug,
                        en,
                        article.first_published_at,
                        translation_key=article.translation_key,
                        agency_id=article.agency_id,
                        date=article.date,
                        lead=f"English summary: {article.lead}"[:300],
                        author=article.author,
                        body=[dict(block) for block in article.body.raw_data],
                    )
                )
            if rows:
                for page in seeder.insert_pages(NewsArticlePage, rows):
                    seeder.documents.append(seeder.document(page, "news", page.agency_id, body=page.lead))
                Page.objects.filter(pk=english_index.pk).update(numchild=len(rows))
                created += len(rows)
        seeder.flush_documents()
    return created


def add_online_service() -> dict:
    """A department's procedure with dossier components and its published online form (level 3)."""
    from bench.submissions import form_spec
    from procedures.services.factories import make_procedure, make_service_page
    from sites.models import Agency

    agency = Agency.objects.filter(kind="department").order_by("slug").first()
    procedure = make_procedure(agency, code="BENCH-GPLX-001", level=3)
    page = make_service_page(procedure)
    return {"host": agency.hostname, "path": page.get_url_parts()[2], "spec": form_spec(page)}


def collect_targets(sample: int, seed: int = 7) -> dict[str, list[str]]:
    """``host path`` lines per scenario, drawn at random from the seeded network."""
    from wagtail.models import Site

    from news.models import NewsArticlePage
    from procedures.models import ProcedureField, ProcedurePage
    from sites.models import Agency

    rng = random.Random(seed)
    hosts = dict(Site.objects.values_list("pk", "hostname"))

    def line(page) -> str:
        site_id, _root, path = page.get_url_parts()
        return f"{hosts[site_id]} {path}"

    portal = Agency.objects.get(kind="province", site__isnull=False)
    agencies = list(Agency.objects.filter(site__isnull=False).exclude(pk=portal.pk).order_by("slug"))
    targets: dict[str, list[str]] = {"portal_home": [f"{portal.hostname} /", f"{portal.hostname} /en/"]}
    chosen = rng.sample(agencies, min(sample, len(agencies)))
    targets["agency_home"] = [f"{a.hostname} {'/en/' if n % 5 == 0 else '/'}" for n, a in enumerate(chosen)]

    fields = list(
        ProcedureField.objects.filter(locale__language_code="vi").exclude(slug="").values_list("slug", flat=True)
    )
    catalogue = []
    for n in range(min(sample, 60)):
        params = {"field": rng.choice(fields)} if fields else {}
        if n % 2:
            params["level"] = rng.choice([2, 3, 4])
        if n % 3 == 0:
            params["page"] = 2
        catalogue.append(f"{portal.hostname} /thu-tuc-hanh-chinh/?{urlencode(params)}")
    for agency in chosen[:20]:
        if fields:
            catalogue.append(f"{agency.hostname} /thu-tuc-hanh-chinh/?{urlencode({'field': rng.choice(fields)})}")
    targets["catalogue"] = catalogue

    procedure_ids = list(ProcedurePage.objects.live().filter(code__startswith="BENCH-").values_list("pk", flat=True))
    targets["procedure"] = [line(p) for p in ProcedurePage.objects.filter(pk__in=rng.sample(procedure_ids, sample))]
    english = list(NewsArticlePage.objects.filter(locale__language_code="en").values_list("pk", flat=True))
    vietnamese = list(NewsArticlePage.objects.filter(locale__language_code="vi").values_list("pk", flat=True))
    picked = rng.sample(vietnamese, sample - sample // 5) + rng.sample(english, min(len(english), sample // 5))
    targets["news"] = [line(p) for p in NewsArticlePage.objects.filter(pk__in=picked)]
    targets["search"] = [f"{portal.hostname} /search/?{urlencode({'q': q})}" for q in SEARCHES] + [
        f"{a.hostname} /search/?{urlencode({'q': rng.choice(SEARCHES)})}" for a in chosen[:12]
    ]
    return targets


def lookup_lines(host: str, token: str, limit: int = 200) -> list[str]:
    from procedures.models import Dossier

    lines = []
    for code, phone in Dossier.objects.order_by("?").values_list("receipt_code", "applicant_phone")[:limit]:
        body = urlencode({"csrfmiddlewaretoken": token, "code": code, "contact": phone})
        lines.append(f"{host} /tra-cuu-ho-so/ {body}")
    return lines


# Server ----------------------------------------------------------------------


def server_env(db_url: str, port: int, page_cache: bool, media: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": db_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": ".bench.localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SITE_PORT": str(port),
        "STATIC_ROOT": str(media / "static"),
        "MEDIA_ROOT": str(media / "media"),
        "PRIVATE_MEDIA_ROOT": str(media / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "ONLINE_SERVICE_SUBMIT_RATE": "100000000/3600",  # one client address sends everything
        "ONLINE_SERVICE_LOOKUP_RATE": "100000000/3600",
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }


class Server:
    def __init__(self, env: dict, port: int, workers: int, threads: int):
        self.port = port
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", str(threads),
             "--worker-class", "gthread", "--timeout", "60", "--keep-alive", "5", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip

    def wait_ready(self, host: str) -> None:
        for _ in range(300):
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited at start")
            try:
                status, _headers, _body = http_get(self.port, host, "/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit("gunicorn did not answer in 60 s")

    def workers(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def peak_rss_mb(self) -> float:
        """The largest VmHWM (peak resident set) among the workers, in MiB."""
        peaks = []
        for pid in self.workers():
            try:
                for row in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if row.startswith("VmHWM:"):
                        peaks.append(int(row.split()[1]) / 1024)
            except OSError:
                pass
        return max(peaks, default=0.0)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def http_get(port: int, host: str, path: str, cookie: str = "") -> tuple[int, list, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Host": host}
        if cookie:
            headers["Cookie"] = cookie
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def csrf_pair(port: int, host: str, path: str) -> tuple[str, str]:
    """A csrftoken cookie and a form token that goes with it (Django accepts the pair for any form)."""
    _status, headers, html = http_get(port, host, path)
    cookie = next(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def warm(port: int, lines: list[str], threads: int = 4) -> None:
    def one(line):
        host, path = line.split()[:2]
        with contextlib.suppress(OSError):
            http_get(port, host, path)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, lines))


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
