"""The statistics page (issue #14) at scale: seed N dossiers on PostgreSQL, time the page uncached.

    .venv/bin/python bench/dossier_statistics.py [--dossiers 1000000] [--runs 5] [--template DB]

Creates a fresh database (``portal_bench_statistics`` on the local PostgreSQL
unless ``BENCH_DATABASE_URL`` says otherwise) — migrated, or copied from
``--template`` (an already migrated database, e.g. pytest's
``test_portal``, to skip the migrations) —, provisions the portal and
twelve agencies, each with a procedure and its online form, and writes N
dossiers over the last 365 days with one ``INSERT … SELECT generate_series``
(a year of statuses: settled on time and late, open, overdue, waiting for
documents, withdrawn; a fifth of the settled ones rated), then ANALYZE.
Then, for the current year and the current month, on the portal (whole
network with the ranking) and on an agency's site: the page's time with
the cache emptied before each request, ``runs`` times, median and spread,
and the number of queries. Prints the machine's load average too: the
figures are only comparable at a similar load.
"""

from __future__ import annotations

import argparse
import os
import statistics as stats
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AGENCIES = [
    {"slug": "ha-tinh", "name": "Ủy ban nhân dân tỉnh Hà Tĩnh", "kind": "province", "parent": None,
     "hostname": "hatinh.localhost"},
] + [
    {"slug": f"co-quan-{i:02d}", "name": f"Cơ quan thử nghiệm {i:02d}", "kind": "department", "parent": "ha-tinh",
     "hostname": f"cq{i:02d}.hatinh.localhost"}
    for i in range(1, 13)
]  # fmt: skip


def create_database(db_url: str, template: str | None) -> None:
    import psycopg2

    dsn = urlsplit(db_url)
    admin = psycopg2.connect(host=dsn.hostname, port=dsn.port or 5432, user=dsn.username, dbname="postgres")
    admin.autocommit = True
    name = dsn.path.lstrip("/")
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    admin.close()


def seed(count: int) -> dict:
    from django.db import connection

    from wagtail.models import Collection, Locale, Page

    from online_services.factories import make_procedure, make_service_page
    from sites.models import Agency
    from sites.provisioning import provision_agencies

    for code in ("vi", "en"):
        Locale.objects.get_or_create(language_code=code)
    # a copied test database was flushed: put back the tree's root (as tests/conftest.ensure_tree_root does)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="vi")))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    translation_type, _created = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    Permission.objects.get_or_create(
        content_type=translation_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    provision_agencies([dict(a) for a in AGENCIES])
    pages = []
    for i, agency in enumerate(Agency.objects.exclude(slug="ha-tinh").order_by("slug")):
        procedure = make_procedure(agency, code=f"HT-BENCH-{i:03d}", title=f"Thủ tục thử nghiệm {i:03d}", level=3)
        pages.append((make_service_page(procedure).pk, procedure.pk, procedure.code, procedure.title, agency.pk))
    values = ",".join(
        f"({k}, {page}, {procedure}, '{code}', '{title}', {agency})"
        for k, (page, procedure, code, title, agency) in enumerate(pages)
    )
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            f"""
            WITH pages(k, page_id, procedure_id, code, title, agency_id) AS (VALUES {values}),
            rows AS (
                SELECT i, now() - ((i % 365) || ' days')::interval - ((i * 7 % 600) || ' minutes')::interval AS at,
                       i % 20 AS fate, (i * 13) % 11 AS took
                FROM generate_series(1, {int(count)}) AS i
            )
            INSERT INTO procedures_dossier (
                receipt_code, procedure_id, service_page_id, procedure_code, procedure_title, agency_id,
                applicant_name, applicant_phone, applicant_email, language, form_data, status, submitted_at,
                working_days, complete_on, due_date, new_due_date, completed_at, result_note, version, updated_at)
            SELECT 'BENCH-' || lpad(i::text, 8, '0'), p.procedure_id, p.page_id, p.code, p.title, p.agency_id,
                   'Nguyễn Văn An', '0912345678', '', 'vi', '{{}}',
                   CASE WHEN fate = 0 THEN 'withdrawn' WHEN fate IN (1, 2) THEN 'processing'
                        WHEN fate = 3 THEN 'supplement_requested' WHEN fate = 4 THEN 'rejected'
                        ELSE 'result_returned' END,
                   at, 7, at::date, at::date + 9,
                   CASE WHEN fate = 2 THEN at::date + 20 END,
                   CASE WHEN fate >= 4 AND at + (took || ' days')::interval < now()
                        THEN at + (took || ' days')::interval END,
                   '', 0, now()
            FROM rows JOIN pages p ON p.k = rows.i % {len(pages)}
            """  # noqa: S608 - only our own integers and the procedures' codes and titles go in
        )
        # the open ones whose completion would be in the future are still in processing
        cur.execute(
            "UPDATE procedures_dossier SET status = 'processing' WHERE completed_at IS NULL "
            "AND status IN ('result_returned', 'rejected')"
        )
        cur.execute(
            "INSERT INTO accountability_rating (dossier_id, ease, timeliness, attitude, overall, comment, created_at) "
            "SELECT id, 1 + id % 5, 1 + (id / 5) % 5, 3 + id % 3, 2 + id % 4, '', completed_at "
            "FROM procedures_dossier WHERE status IN ('result_returned', 'rejected') AND id % 5 = 0"
        )
        cur.execute("ANALYZE procedures_dossier; ANALYZE accountability_rating;")
        cur.execute("SELECT count(*) FROM procedures_dossier")
        total = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM accountability_rating")
        ratings = cur.fetchone()[0]
    return {"dossiers": total, "ratings": ratings, "agencies": len(pages), "seconds": time.perf_counter() - started}


def time_page(host: str, path: str, runs: int) -> tuple[list[float], int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path, HTTP_HOST=host)  # import and template loading out of the way
    times, queries = [], 0
    for _i in range(runs):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path, HTTP_HOST=host)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return times, queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--template", default=None, help="an already migrated database to copy")
    parser.add_argument("--reuse", action="store_true", help="time the pages on the database a previous run seeded")
    args = parser.parse_args()
    db_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_statistics")
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if not args.reuse:
        create_database(db_url, args.template)
    import django

    django.setup()
    from django.core.management import call_command

    if not args.reuse:
        # On a copied test database this only re-creates what its flush removed (content types, permissions).
        call_command("migrate", verbosity=0, interactive=False)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    if args.reuse:
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM procedures_dossier")
            print(
                f"reusing {cur.fetchone()[0]:,} dossiers; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
            )
    else:
        info = seed(args.dossiers)
        print(
            f"seeded {info['dossiers']:,} dossiers ({info['ratings']:,} rated) at {info['agencies']} agencies "
            f"in {info['seconds']:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    for label, host in (("portal", "hatinh.localhost"), ("agency", "cq01.hatinh.localhost")):
        for period in ("year", "month"):
            times, queries = time_page(host, f"/tinh-hinh-giai-quyet-ho-so/?period={period}", args.runs)
            print(
                f"{label:7} {period:6} uncached: median {1000 * stats.median(times):7.0f} ms "
                f"(min {1000 * min(times):.0f}, max {1000 * max(times):.0f}, {args.runs} runs), {queries} queries"
            )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
