"""Content review dates: 12 months after publishing by default, the report per agency, the dashboard panel."""

from __future__ import annotations

import datetime

from django.utils import timezone

from core import admin_fragments
from core.models import default_review_date
from online_services.factories import make_procedure
from procedures.models import ProcedurePage


def test_a_published_procedure_is_due_for_review_12_months_later(network):
    procedure = make_procedure(network["so-y-te"], code="HT-YT-040", title="Thủ tục cần rà soát")
    procedure.refresh_from_db()
    published = timezone.localtime(procedure.last_published_at).date()
    assert procedure.review_by == default_review_date(published)


def test_republishing_an_overdue_page_counts_as_its_review(network):
    procedure = make_procedure(network["so-y-te"], code="HT-YT-041", title="Thủ tục quá hạn")
    ProcedurePage.objects.filter(pk=procedure.pk).update(review_by=datetime.date(2020, 1, 1))
    procedure.refresh_from_db()
    procedure.save_revision().publish()
    procedure.refresh_from_db()
    assert procedure.review_by > timezone.localdate()


def test_the_report_and_dashboard_show_an_editor_their_agency_overdue_pages(client, network, editor):
    own = make_procedure(network["so-y-te"], code="HT-YT-042", title="Thủ tục của Sở Y tế quá hạn")
    other = make_procedure(network["so-gtvt"], code="HT-GT-043", title="Thủ tục của Sở GTVT quá hạn")
    ProcedurePage.objects.filter(pk__in=[own.pk, other.pk]).update(review_by=datetime.date(2025, 1, 1))
    client.force_login(editor)
    report = client.get("/admin/ra-soat-noi-dung/").content.decode()
    assert "Thủ tục của Sở Y tế quá hạn" in report and "Thủ tục của Sở GTVT quá hạn" not in report
    assert "Quá hạn" in report
    dashboard = client.get("/admin/").content.decode()
    assert "Trang quá hạn rà soát" in dashboard and "Thủ tục của Sở Y tế quá hạn" in dashboard
    assert "Thủ tục của Sở GTVT quá hạn" not in dashboard


def test_the_dashboard_panel_kept_for_the_day_shows_a_page_saved_since(client, network, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = make_procedure(network["so-y-te"], code="HT-YT-044", title="Thủ tục quá hạn thứ nhất")
    ProcedurePage.objects.filter(pk=first.pk).update(review_by=datetime.date(2025, 1, 1))
    client.force_login(editor)
    client.get("/admin/")  # the user's answers kept (core.admin_cache)
    admin_fragments.user_parts.clear()
    with CaptureQueriesContext(connection) as cold:
        assert "Thủ tục quá hạn thứ nhất" in client.get("/admin/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "Thủ tục quá hạn thứ nhất" in client.get("/admin/").content.decode()
    assert any("review_by" in q["sql"] for q in cold.captured_queries)
    assert not any("review_by" in q["sql"] for q in warm.captured_queries)  # the panel was kept

    second = make_procedure(network["so-y-te"], code="HT-YT-045", title="Thủ tục quá hạn thứ hai")
    second.review_by = datetime.date(2025, 2, 1)
    second.save()  # a page saved: the listing generation moves
    dashboard = client.get("/admin/").content.decode()
    assert "Thủ tục quá hạn thứ nhất" in dashboard and "Thủ tục quá hạn thứ hai" in dashboard
