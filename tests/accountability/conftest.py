"""A hand-built set of dossiers whose figures are worked out by hand in the tests (tests/accountability/README in test_figures)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from django.core.cache import cache

from accountability.models import Rating
from online_services.factories import DossierFactory, make_procedure, make_service_page
from online_services.models import DossierStatusChange, SupplementRequest
from sites.models import Agency
from tests.conftest import _build_network
from tests.shared_world import shared_world

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PORTAL = "hatinh.localhost"
YTE = "soyte.hatinh.localhost"
GTVT = "sgtvt.hatinh.localhost"
#: "Today" for the figures of the hand-built set; the period is February 2026.
TODAY = dt.date(2026, 3, 10)


def vn(month, day, hour=9, minute=0, year=2026):
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


def d(month, day, year=2026):
    return dt.date(year, month, day)


def build_dossiers() -> dict:
    """The 14 dossiers of test_figures.py's table (numbered as there); returns {number: pk}."""
    agencies = {a.slug: a for a in Agency.objects.all()}
    yte, gtvt = agencies["so-y-te"], agencies["so-gtvt"]
    p_yte = make_procedure(yte, code="HT-YT-001", title="Cấp chứng chỉ hành nghề dược", level=3)
    p_gtvt = make_procedure(gtvt, code="HT-GT-001", title="Đổi giấy phép lái xe", level=3)
    s_yte, s_gtvt = make_service_page(p_yte), make_service_page(p_gtvt)

    def make(n, service, **fields):
        dossier = DossierFactory(service_page=service, applicant_email=f"dan{n}@example.vn", **fields)
        made[n] = dossier
        return dossier

    made = {}
    # 1. Settled at 23:30 on its due date (Vietnam's time): on time.
    make(1, s_yte, submitted_at=vn(2, 2), due_date=d(2, 10), completed_at=vn(2, 10, 23, 30), status="result_returned")
    # 2. Settled at 00:10 the day after (still the due date in UTC): late.
    make(2, s_yte, submitted_at=vn(2, 2), due_date=d(2, 10), completed_at=vn(2, 11, 0, 10), status="result_returned")
    # 3. New appointment (apology) on 20/02, settled 18/02 after the due date 12/02: late all the same.
    make(
        3,
        s_yte,
        submitted_at=vn(2, 3),
        due_date=d(2, 12),
        new_due_date=d(2, 20),
        completed_at=vn(2, 18),
        status="result_ready",
    )
    # 4. Open, due after the period: in progress, not yet due.
    make(4, s_yte, submitted_at=vn(2, 5), due_date=d(3, 20), status="processing")
    # 5. Open, due 20/02, new appointment 05/03: overdue at the end of February.
    make(5, s_yte, submitted_at=vn(2, 5), due_date=d(2, 20), new_due_date=d(3, 5), status="processing")
    # 6. Withdrawn: received and withdrawn, nothing else.
    make(6, s_yte, submitted_at=vn(2, 6), due_date=d(2, 15), status="withdrawn")
    # 7. Received in January, rejected on 03/02 before its due date: settled on time in February.
    make(7, s_yte, submitted_at=vn(1, 20), due_date=d(2, 5), completed_at=vn(2, 3), status="rejected")
    # 8. Received 31/01 at 23:30 (Vietnam): January; open, due 05/03: in progress, not yet due.
    make(8, s_yte, submitted_at=vn(1, 31, 23, 30), due_date=d(3, 5), status="processing")
    # 9. Received 28/02 at 23:59: February; no due date: in progress, not yet due.
    make(9, s_yte, submitted_at=vn(2, 28, 23, 59), due_date=None, status="received")
    # 10. Transferred from the transport department, settled by Health: counted once, at Health, on time.
    ten = make(
        10, s_gtvt, agency=yte, submitted_at=vn(2, 10), due_date=d(2, 25), completed_at=vn(2, 20), status="result_ready"
    )
    DossierStatusChange.objects.create(
        dossier=ten,
        from_status="received",
        to_status="transferred",
        from_agency=gtvt,
        to_agency=yte,
        changed_at=vn(2, 11),
    )
    # 11. Documents requested on 12/02, still waiting; its old due date has passed: not overdue (clock stopped).
    eleven = make(11, s_gtvt, submitted_at=vn(2, 10), due_date=d(2, 20), status="supplement_requested")
    SupplementRequest.objects.create(dossier=eleven, requested_at=vn(2, 12))
    # 12. No due date (no stated processing time), settled: on time.
    make(12, s_gtvt, submitted_at=vn(2, 15), due_date=None, completed_at=vn(2, 16), status="result_returned")
    # 13. Received in March: in no February figure.
    make(13, s_yte, submitted_at=vn(3, 1), due_date=d(3, 9), status="processing")
    # 14. Due 27/02, settled 02/03: in progress and overdue at the end of February.
    make(14, s_yte, submitted_at=vn(2, 20), due_date=d(2, 27), completed_at=vn(3, 2), status="result_returned")
    Rating.objects.create(dossier=made[1], ease=4, timeliness=5, attitude=5, overall=5, comment="Nhanh, chu đáo")
    Rating.objects.create(dossier=made[2], ease=2, timeliness=1, attitude=3, overall=3)
    return {n: dossier.pk for n, dossier in made.items()}


@pytest.fixture(autouse=True)
def _no_axes(settings):
    # force_login has no request: django-axes would log the client "unknown", which PostgreSQL's inet refuses.
    settings.AXES_ENABLED = False


@pytest.fixture(scope="module")
def dossier_world(django_db_setup, django_db_blocker):
    def build():
        _build_network()
        return build_dossiers()

    yield from shared_world(django_db_blocker, build)


@pytest.fixture
def dossier_set(db, dossier_world):
    cache.clear()
    return dossier_world
