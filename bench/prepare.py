"""`make bench`, before the load: the bench's own database and Redis, what the seeder leaves out, the URLs to request."""

from __future__ import annotations

import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent

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


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


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
    from online_services.factories import make_procedure, make_service_page
    from online_services.models import OnlineServicePage
    from procedures.models import ProcedurePage
    from sites.models import Agency

    agency = Agency.objects.filter(kind="department").order_by("slug").first()
    procedure = ProcedurePage.objects.filter(code="BENCH-GPLX-001").first()  # a --keep run's, reused by --no-seed
    page = OnlineServicePage.objects.child_of(procedure).first() if procedure is not None else None
    if page is None:
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
    from online_services.models import Dossier

    lines = []
    for code, phone in Dossier.objects.order_by("?").values_list("receipt_code", "applicant_phone")[:limit]:
        body = urlencode({"csrfmiddlewaretoken": token, "code": code, "contact": phone})
        lines.append(f"{host} /tra-cuu-ho-so/ {body}")
    return lines
