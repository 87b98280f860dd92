"""Query budgets: the figures are a fixed number of aggregate queries, whatever the number of dossiers."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accountability.figures import Period, compute
from online_services.codes import generate_receipt_code
from online_services.models import Dossier

from .conftest import PORTAL, TODAY, YTE, d, vn

FEBRUARY = Period("month", d(2, 1), d(2, 28))
#: the (agency, field) groups, agencies' names, fields' names, English field names, trend (2)
FIGURE_QUERIES = 6


def add_dossiers(count: int) -> None:
    """More dossiers of every kind on the same service pages (bulk: the budget is about reading)."""
    pages = list(Dossier.objects.values_list("service_page_id", "agency_id", "procedure_id").distinct())
    template = Dossier.objects.first()
    rows = []
    for i in range(count):
        page, agency, procedure = pages[i % len(pages)]
        settled = i % 3 == 0
        rows.append(
            Dossier(
                receipt_code=generate_receipt_code(),
                applicant_name="Trần Thị Bình",
                applicant_phone="0987654321",
                service_page_id=page,
                agency_id=agency,
                procedure_id=procedure,
                procedure_code=template.procedure_code,
                procedure_title=template.procedure_title,
                submitted_at=vn(2, 1 + i % 27),
                due_date=d(2, 1 + (i * 7) % 27),
                completed_at=vn(2, 1 + (i * 5) % 27) if settled else None,
                status="result_returned" if settled else "processing",
            )
        )
    Dossier.objects.bulk_create(rows)


def page_queries(host: str, path: str) -> int:
    cache.clear()
    client = Client()
    client.get(path, HTTP_HOST=host)  # warm the site's own caches (site root paths, settings)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_figures_are_a_constant_number_of_queries(dossier_set, django_assert_num_queries):
    with django_assert_num_queries(FIGURE_QUERIES):
        compute(FEBRUARY, today=TODAY)
    add_dossiers(200)
    with django_assert_num_queries(FIGURE_QUERIES):
        figures = compute(FEBRUARY, today=TODAY)
    assert figures.totals["received"] == 11 + 200


def test_page_queries_do_not_grow_with_dossiers(dossier_set):
    path = "/tinh-hinh-giai-quyet-ho-so/?from=2026-02-01&to=2026-02-28"
    small = {host: page_queries(host, path) for host in (PORTAL, YTE)}
    add_dossiers(300)
    large = {host: page_queries(host, path) for host in (PORTAL, YTE)}
    assert small == large
    print("statistics page queries (cache empty):", small)


def test_cached_figures_skip_the_aggregates(dossier_set):
    path = "/tinh-hinh-giai-quyet-ho-so/?from=2026-02-01&to=2026-02-28"
    client = Client()
    cold = page_queries(PORTAL, path)
    with CaptureQueriesContext(connection) as ctx:
        client.get(path, HTTP_HOST=PORTAL)
    # the figures and the service index come from the cache: no query reads a dossier or a procedure
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not [sql for sql in sqls if "procedures_dossier" in sql or "procedures_procedurepage" in sql]
    assert len(sqls) <= cold - FIGURE_QUERIES - 1
