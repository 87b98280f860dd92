"""The demo catalogue: every agency gets several procedures; loading twice changes nothing."""

from __future__ import annotations

from django.db.models import Count

from demo import procedures as demo
from procedures.models import ProcedureField, ProcedureIndexPage, ProcedurePage
from tests.procedures.catalogue_fixtures import catalogue_snapshot


def test_demo_load_is_idempotent_and_covers_every_agency(sample_network):
    message = demo.load()
    assert "tạo mới" in message
    counts = dict(
        ProcedurePage.objects.filter(locale__language_code="vi")
        .order_by()
        .values("agency__slug")
        .annotate(n=Count("pk"))
        .values_list("agency__slug", "n")
    )
    assert set(counts) == set(sample_network)
    assert all(n >= 2 for n in counts.values()), counts
    for agency in sample_network.values():
        assert ProcedureIndexPage.objects.child_of(agency.home_page).exists()
    # The seed's priority: the unemployment benefit, at Sở LĐ-TB&XH, with its form.
    benefit = ProcedurePage.objects.get(code="HT-LDTBXH-001", locale__language_code="vi")
    assert benefit.title == "Giải quyết hưởng trợ cấp thất nghiệp" and benefit.agency.slug == "so-ld-tbxh"
    assert benefit.dossier_components.exclude(form=None).exists()
    # Communes carry civil status and certification; districts land and construction.
    commune_fields = set(
        ProcedurePage.objects.filter(agency__slug="phuong-bac-ha").values_list("field__name", flat=True)
    )
    # ... and residence, for the Decree 63 birth journey's permanent-residence step (demo/journeys.py).
    assert commune_fields == {"Hộ tịch", "Chứng thực", "Cư trú"}
    district_fields = set(ProcedurePage.objects.filter(agency__slug="tp-ha-tinh").values_list("field__name", flat=True))
    assert {"Đất đai", "Xây dựng"} <= district_fields
    # Fields have English names for the English catalogue.
    assert ProcedureField.objects.filter(locale__language_code="en", name="Civil status").exists()

    before = catalogue_snapshot()
    message = demo.load()
    assert "tạo mới: 0, cập nhật: 0" in message
    assert catalogue_snapshot() == before
