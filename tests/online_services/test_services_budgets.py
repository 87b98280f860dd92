"""Query budgets, exact and the same with 10 and with 10,000 dossiers: the desk's queue and the citizen's lookup.

Counted with ``CaptureQueriesContext`` after one warming request (the session,
content types, the site's settings and the calendar year are cached then), and
compared as a whole, so a failure shows every page's count at once.
"""

from __future__ import annotations

import datetime as dt

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from online_services import workflow
from online_services.codes import generate_receipt_code
from online_services.models import Dossier

from .desk_fixtures import new_dossier
from .services_fixtures import GTVT_HOST

#: Measured on PostgreSQL and SQLite alike; a change here is a change in what every page view costs.
# 15 (was 16): the admin frame asks for the agency's logo once per request (core/admin_chrome.py, issue #18).
# 13 (#18 second pass): the logo comes with the user's agencies in one query, and the explorer's start
# (sites.admin_scope.user_home_pages) reads the user's homes from Wagtail's page permission cache.
# 6 (#18 third pass): after the warming request the officer's permissions, agencies, profile, site and
# sidebar are kept across requests (core/admin_cache.py): the queue's own queries and the session's user.
QUEUE_QUERIES = {"due_soon": 6, "filtered": 6}
LOOKUP_QUERIES = {"lookup": 17, "again": 14}


def add_dossiers(form, officer, count: int) -> None:
    """``count`` dossiers of the form's agency, some of them assigned, overdue or due soon (bulk, cheap)."""
    procedure = form.get_parent().specific
    today = timezone.localdate()
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(generate_receipt_code())
    now = timezone.now()
    Dossier.objects.bulk_create(
        [
            Dossier(
                receipt_code=code,
                procedure=procedure,
                service_page=form,
                procedure_code=procedure.code,
                procedure_title=procedure.title,
                agency_id=procedure.agency_id,
                applicant_name=f"Người nộp {i}",
                applicant_phone="0912345678",
                status=[Dossier.Status.RECEIVED, Dossier.Status.PROCESSING][i % 2],
                submitted_at=now - dt.timedelta(minutes=i),
                due_date=today + dt.timedelta(days=(i % 9) - 4),
                assigned_to=officer if i % 3 == 0 else None,
            )
            for i, code in enumerate(codes)
        ],
        batch_size=2000,
    )


def a_full_dossier(desk):
    """A dossier with everything the lookup page shows: history, an open request, an appointment."""
    officer = desk.officers["so-gtvt"]
    dossier = new_dossier(desk.gtvt_form, submitted_at=timezone.now() - dt.timedelta(days=20))
    workflow.officer_move(dossier, Dossier.Status.PROCESSING, user=officer, comment="Hợp lệ")
    workflow.reschedule(dossier, user=officer, new_date=timezone.localdate() + dt.timedelta(days=5), reason="Chờ")
    workflow.request_supplement(dossier, user=officer, items=[("Ảnh", ""), ("Căn cước", "")])
    return dossier


@pytest.mark.parametrize("count", [10, 10_000])
def test_queue_list_budget(desk, count):
    officer = desk.officers["so-gtvt"]
    add_dossiers(desk.gtvt_form, officer, count)
    client = Client()
    client.force_login(officer)
    queue = reverse("dossier_queue:index")
    requests = {
        "due_soon": {"due": "soon", "ordering": "due_date"},
        "filtered": {"status": "processing", "mine": "true", "q": "Người nộp"},
    }
    counts = {}
    for name, params in requests.items():
        assert client.get(queue, params).status_code == 200  # warm: session, content types, the calendar year
        with CaptureQueriesContext(connection) as queries:
            response = client.get(queue, params)
        counts[name] = len(queries)
        assert response.status_code == 200
        assert "Người nộp" in response.content.decode()
    assert counts == QUEUE_QUERIES


@pytest.mark.parametrize("count", [10, 10_000])
def test_lookup_page_budget(desk, count):
    add_dossiers(desk.gtvt_form, desk.officers["so-gtvt"], count)
    dossier = a_full_dossier(desk)
    citizen = Client(HTTP_HOST=GTVT_HOST)
    lookup = reverse("online_services:lookup")
    form = {"code": dossier.receipt_code, "contact": "0912345678"}
    citizen.post(lookup, form)  # warm: the session exists, the site's settings are cached
    counts = {}
    with CaptureQueriesContext(connection) as queries:
        response = citizen.post(lookup, form)
    counts["lookup"] = len(queries)
    assert response.status_code == 200
    assert "Ảnh" in response.content.decode() and "Căn cước" in response.content.decode()
    with CaptureQueriesContext(connection) as queries:
        response = citizen.get(reverse("online_services:dossier", args=[dossier.receipt_code]))
    counts["again"] = len(queries)
    assert response.status_code == 200
    assert "Hẹn lại ngày" in response.content.decode()
    assert counts == LOOKUP_QUERIES
