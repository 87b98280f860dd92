"""The one-stop desk's queue: each agency's officers see and process only their own dossiers."""

from __future__ import annotations

import csv
import io

import pytest

from django.test import Client
from django.urls import reverse

from online_services.factories import make_procedure, make_service_page
from online_services.models import Dossier
from tests.files import pdf_bytes

from .services_fixtures import YTE_HOST, page_path, shared_service_fixtures, submission_data

pytestmark = pytest.mark.django_db


# The network, the GTVT procedure and its form, built once for this module (services_fixtures.py).
network, procedure, service_page = shared_service_fixtures()


@pytest.fixture
def dossiers(network, service_page, citizen):
    """Two Sở GTVT dossiers and one Sở Y tế dossier."""
    for _ in range(2):
        assert citizen.post(page_path(service_page), submission_data(service_page)).status_code == 302
    health = make_procedure(
        network["so-y-te"], code="HT-YT-001", title="Cấp Chứng chỉ hành nghề dược", components=["Đơn đề nghị"]
    )
    health_form = make_service_page(health)
    other = Client(HTTP_HOST=YTE_HOST)
    assert other.post(page_path(health_form), submission_data(health_form)).status_code == 302
    return {
        "gtvt": list(Dossier.objects.filter(agency__slug="so-gtvt")),
        "yte": Dossier.objects.get(agency__slug="so-y-te"),
    }


@pytest.fixture
def gtvt_officer(network, make_user):
    return make_user("officer-gtvt", network["so-gtvt"].officers_group)


@pytest.fixture
def yte_officer(network, make_user):
    return make_user("officer-yte", network["so-y-te"].officers_group)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_officers_group_is_provisioned_with_dossier_permissions(gtvt_officer, editor):
    assert gtvt_officer.has_perm("online_services.view_dossier")
    assert gtvt_officer.has_perm("online_services.change_dossier")
    assert not gtvt_officer.has_perm("online_services.delete_dossier")
    assert not editor.has_perm("online_services.view_dossier")


def test_queue_lists_only_the_agencys_dossiers(dossiers, gtvt_officer, yte_officer, admin_user):
    html = logged_in(gtvt_officer).get(reverse("dossier_queue:index")).content.decode()
    for d in dossiers["gtvt"]:
        assert d.receipt_code in html
    assert dossiers["yte"].receipt_code not in html
    html = logged_in(yte_officer).get(reverse("dossier_queue:index")).content.decode()
    assert dossiers["yte"].receipt_code in html
    assert all(d.receipt_code not in html for d in dossiers["gtvt"])
    html = logged_in(admin_user).get(reverse("dossier_queue:index")).content.decode()
    assert all(d.receipt_code in html for d in [*dossiers["gtvt"], dossiers["yte"]])


def test_queue_menu_and_view_hidden_from_editors(dossiers, editor):
    client = logged_in(editor)
    # Wagtail's answer to a user without the model's permissions: back to the dashboard, nothing listed.
    response = client.get(reverse("dossier_queue:index"))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "Hồ sơ trực tuyến" not in client.get("/admin/").content.decode()


def test_queue_filters(dossiers, gtvt_officer):
    client = logged_in(gtvt_officer)
    first, second = dossiers["gtvt"]
    first.transition(Dossier.Status.PROCESSING, user=gtvt_officer)
    url = reverse("dossier_queue:index")
    html = client.get(url, {"status": "processing"}).content.decode()
    assert "Giao cho tôi" in html and "Liên thông" in html and "Thời hạn" in html
    assert first.receipt_code in html and second.receipt_code not in html
    html = client.get(url, {"q": second.receipt_code[-4:]}).content.decode()
    assert second.receipt_code in html and first.receipt_code not in html
    # Another agency's procedure is not a choice: the filter is ignored, and nothing of that agency shows.
    html = client.get(url, {"procedure_code": "HT-YT-001"}).content.decode()
    assert dossiers["yte"].receipt_code not in html
    html = client.get(url, {"procedure_code": "HT-GTVT-001"}).content.decode()
    assert first.receipt_code in html and second.receipt_code in html


def test_csv_export_has_only_the_agencys_dossiers(dossiers, gtvt_officer):
    response = logged_in(gtvt_officer).get(reverse("dossier_queue:index"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][0] == "Mã hồ sơ"
    assert sorted(r[0] for r in rows[1:]) == sorted(d.receipt_code for d in dossiers["gtvt"])
    assert rows[1][7] == "Đã tiếp nhận"


def test_xlsx_export_neutralises_formulas(dossiers, gtvt_officer):
    from openpyxl import load_workbook

    Dossier.objects.filter(pk=dossiers["gtvt"][0].pk).update(applicant_name="=HYPERLINK(1)")
    response = logged_in(gtvt_officer).get(reverse("dossier_queue:index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mã hồ sơ"
    assert len(rows) == 3
    assert "'=HYPERLINK(1)" in [r[4] for r in rows[1:]]


def test_officer_changes_status_with_comment(dossiers, gtvt_officer):
    dossier = dossiers["gtvt"][0]
    client = logged_in(gtvt_officer)
    url = reverse("online_services_admin:detail", args=[dossier.pk])
    step = {"action": "status", "status-version": dossier.version}
    response = client.post(url, {**step, "status-to_status": "processing", "status-comment": "Hồ sơ hợp lệ"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    change = dossier.history.last()
    assert (change.from_status, change.to_status, change.changed_by, change.comment) == (
        "received",
        "processing",
        gtvt_officer,
        "Hồ sơ hợp lệ",
    )
    # A move the desk does not allow is refused and changes nothing.
    response = client.post(url, {**step, "status-version": dossier.version, "status-to_status": "received"})
    assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == "processing"
    assert dossier.history.count() == 2


def test_officer_downloads_files_through_the_checked_view(dossiers, gtvt_officer):
    dossier = dossiers["gtvt"][0]
    item = dossier.files.first()
    response = logged_in(gtvt_officer).get(reverse("online_services_admin:file", args=[dossier.pk, item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_other_agencys_officer_gets_403_on_dossier_files_and_status_change(dossiers, yte_officer):
    dossier = dossiers["gtvt"][0]
    item = dossier.files.first()
    client = logged_in(yte_officer)
    assert client.get(reverse("online_services_admin:detail", args=[dossier.pk])).status_code == 403
    assert client.get(reverse("online_services_admin:file", args=[dossier.pk, item.pk])).status_code == 403
    response = client.post(
        reverse("online_services_admin:detail", args=[dossier.pk]),
        {"action": "status", "status-version": 0, "status-to_status": "processing"},
    )
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == "received"
    # A file cannot be fetched through one's own dossier either.
    own = dossiers["yte"]
    assert client.get(reverse("online_services_admin:file", args=[own.pk, item.pk])).status_code == 404


def test_anonymous_users_cannot_reach_the_queue_or_files(dossiers):
    dossier = dossiers["gtvt"][0]
    item = dossier.files.first()
    client = Client()
    for url in (
        reverse("dossier_queue:index"),
        reverse("online_services_admin:detail", args=[dossier.pk]),
        reverse("online_services_admin:file", args=[dossier.pk, item.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_merging_agencies_moves_their_dossiers(dossiers, network):
    from sites.provisioning import merge_agency

    merge_agency(network["so-y-te"], network["so-gtvt"])
    assert Dossier.objects.filter(agency__slug="so-gtvt").count() == 3
