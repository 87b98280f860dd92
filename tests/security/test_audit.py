"""The audit trail: publishing, approving, dossier status changes and file downloads, with who did them."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState

from home.models import StandardPage
from online_services.models import Dossier
from security.models import DossierLogEntry

from .world import add_page, build_agency_world, make_dossier


def _history(client, **params):
    response = client.get(reverse("wagtailadmin_reports:site_history"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_status_changes_and_downloads_are_logged_with_the_officer(network, make_user):
    health = network["so-y-te"]
    world = build_agency_world(health, "yte", "HT-YTE-801")
    officer = make_user("can-bo-mot-cua", health.officers_group)
    dossier, item = world["dossier"], world["dossier_file"]
    client = Client()
    client.force_login(officer)

    response = client.post(
        reverse("online_services_admin:detail", args=[dossier.pk]),
        {
            "action": "supplement",
            "supplement-version": dossier.version,
            "supplement-item_1": "Giấy khám sức khỏe",
            "supplement-message": "Thiếu giấy khám sức khỏe.",
        },
    )
    assert response.status_code == 302
    response = client.get(reverse("online_services_admin:file", args=[dossier.pk, item.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)

    entries = list(DossierLogEntry.objects.for_instance(dossier).order_by("timestamp", "pk"))
    assert [e.action for e in entries] == [
        "portal.dossier.received",
        "portal.dossier.status",
        "portal.dossier.file_download",
    ]
    received, status, download = entries
    assert received.user is None
    assert status.user == officer and download.user == officer
    assert status.data == {"from": "received", "to": "supplement_requested", "comment": "Thiếu giấy khám sức khỏe."}
    assert download.data["file"] == "Đơn đề nghị.pdf"
    assert all(e.agency_id == health.pk and e.label == dossier.receipt_code for e in entries)
    assert str(status.message) == "Chuyển hồ sơ từ “Đã tiếp nhận” sang “Yêu cầu bổ sung hồ sơ”"

    # A refused move leaves no entry.
    client.post(
        reverse("online_services_admin:detail", args=[dossier.pk]),
        {"action": "status", "status-version": 1, "status-to_status": "result_returned"},
    )
    assert DossierLogEntry.objects.for_instance(dossier).count() == 3


def test_portal_administrator_sees_every_action_in_site_history(network, make_user, editor, moderator):
    health = network["so-y-te"]
    world = build_agency_world(health, "yte", "HT-YTE-802")
    officer = make_user("can-bo-mot-cua", health.officers_group)
    admin = make_user("quan-tri", superuser=True)
    dossier = world["dossier"]
    dossier.transition(Dossier.Status.PROCESSING, user=officer)

    # The editor submits a page; the agency's moderator approves (publishes) it.
    client = Client()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", health.home_page.pk]),
        {"title": "Thông báo tuyển dụng", "slug": "thong-bao-tuyen-dung", "intro": "", "body-count": "0",
         "action-submit": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    page = StandardPage.objects.get(title="Thông báo tuyển dụng")
    task_state = TaskState.objects.get(workflow_state=page.specific.current_workflow_state, status="in_progress")
    client.force_login(moderator)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {"comment": "Duyệt."}
    )
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "editor-yte") in actions
    assert ("wagtail.workflow.approve", "moderator-yte") in actions
    assert ("wagtail.publish", "moderator-yte") in actions

    client.force_login(admin)
    html = _history(client)
    assert "Thông báo tuyển dụng" in html
    assert dossier.receipt_code in html
    assert "Chuyển hồ sơ từ “Đã tiếp nhận” sang “Đang xử lý”" in html
    assert "can-bo-mot-cua" in html
    # Filtered to the dossier actions only.
    html = _history(client, action="portal.dossier.status")
    assert dossier.receipt_code in html and "Thông báo tuyển dụng" not in html


def test_officers_see_only_their_own_agency_dossier_history(network, make_user):
    health, transport = network["so-y-te"], network["so-gtvt"]
    own = build_agency_world(health, "yte", "HT-YTE-803")["dossier"]
    add_page(transport.home_page, "Trang GTVT", "trang-gtvt")
    from online_services.factories import make_procedure

    other = make_dossier(make_procedure(transport, code="HT-GTVT-803"))
    officer = make_user("can-bo-yte", health.officers_group)
    other_officer = make_user("can-bo-gtvt", transport.officers_group)
    own.transition(Dossier.Status.PROCESSING, user=officer)
    other.transition(Dossier.Status.REJECTED, user=other_officer, comment="Sai thẩm quyền.")

    assert set(DossierLogEntry.objects.viewable_by_user(officer).values_list("agency__slug", flat=True)) == {"so-y-te"}
    editor = make_user("bien-tap-yte", health.editors_group)
    assert not DossierLogEntry.objects.viewable_by_user(editor).exists()

    client = Client()
    client.force_login(officer)
    html = _history(client)
    assert own.receipt_code in html
    assert other.receipt_code not in html
    assert "Sai thẩm quyền." not in html
