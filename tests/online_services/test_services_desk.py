"""The desk's dossier page and queue, and the citizen's lookup page, over HTTP (#13).

Bad input gets a clear, translated error and changes nothing: an upload to a
dossier not waiting for one, a wrong code/phone pair, a transfer the procedure
does not allow, a forbidden move, a result file that fails the checks, a
second officer acting on what they did not see.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from online_services import workflow
from online_services.models import Dossier, DossierFile
from tests.files import jpeg_bytes, pdf_bytes

from .desk_fixtures import new_dossier
from .services_fixtures import GTVT_HOST

S = Dossier.Status


def officer_client(user):
    client = Client()
    client.force_login(user)
    return client


def detail_url(dossier):
    return reverse("online_services_admin:detail", args=[dossier.pk])


def step(dossier, action, **fields):
    return {"action": action, f"{action}-version": dossier.version, **{f"{action}-{k}": v for k, v in fields.items()}}


def looked_up(dossier, contact="0912 345 678") -> Client:
    citizen = Client(HTTP_HOST=GTVT_HOST)
    response = citizen.post(reverse("online_services:lookup"), {"code": dossier.receipt_code, "contact": contact})
    assert response.status_code == 200, response.content.decode()[:500]
    return citizen


# ----- the desk -----


def test_officer_asks_for_a_missing_paper_and_the_citizen_answers_online(desk):
    officer = desk.officers["so-gtvt"]
    dossier = new_dossier(desk.gtvt_form, submitted_at=timezone.now() - dt.timedelta(days=3))
    component = dossier.files.first().label
    client = officer_client(officer)
    page = client.get(detail_url(dossier)).content.decode()
    assert "Yêu cầu bổ sung hồ sơ" in page and component in page
    response = client.post(
        detail_url(dossier),
        step(dossier, "supplement", item_1="Ảnh chân dung 3x4", component_1=component, message="Ảnh bị mờ"),
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.SUPPLEMENT_REQUESTED

    # The citizen finds the request on the lookup page and uploads the photo.
    citizen = looked_up(dossier)
    page = citizen.post(reverse("online_services:lookup"), {"code": dossier.receipt_code, "contact": "an@example.vn"})
    html = page.content.decode()
    assert "Ảnh chân dung 3x4" in html and "Gửi hồ sơ bổ sung" in html
    item = dossier.supplements.get().items.get()
    url = reverse("online_services:supplement", args=[dossier.receipt_code])
    # A file that is not what its name says is refused, with the first submission's message; nothing changes.
    bad = SimpleUploadedFile("ảnh.jpg", b"MZ\x90\x00" + b"\x00" * 64, "image/jpeg")
    response = citizen.post(url, {f"item_{item.pk}": bad, "reply": "Gửi lại ảnh"})
    assert response.status_code == 400
    assert "không khớp với phần mở rộng" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.SUPPLEMENT_REQUESTED
    old_due = dossier.due_date
    photo = SimpleUploadedFile("ảnh 3x4.jpg", jpeg_bytes(), "image/jpeg")
    response = citizen.post(url, {f"item_{item.pk}": photo, "reply": "Gửi lại ảnh"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.SUPPLEMENT_RECEIVED
    assert dossier.due_date > old_due
    assert dossier.files.filter(kind=DossierFile.Kind.SUPPLEMENT, original_name="ảnh 3x4.jpg").exists()
    page = citizen.get(response["Location"]).content.decode()
    assert "Đã gửi hồ sơ bổ sung" in page and "Đã nhận hồ sơ bổ sung" in page

    # A second upload to a dossier no longer waiting for one: a clear message, nothing stored.
    files_before = dossier.files.count()
    response = citizen.post(url, {f"item_{item.pk}": SimpleUploadedFile("x.jpg", jpeg_bytes(), "image/jpeg")})
    assert response.status_code == 409
    assert "không chờ bổ sung" in response.content.decode()
    assert dossier.files.count() == files_before


def test_supplement_pages_need_the_lookup_first(desk):
    dossier = new_dossier(desk.gtvt_form)
    stranger = Client(HTTP_HOST=GTVT_HOST)
    assert stranger.get(reverse("online_services:dossier", args=[dossier.receipt_code])).status_code == 404
    response = stranger.post(reverse("online_services:supplement", args=[dossier.receipt_code]), {"reply": "x"})
    assert response.status_code == 404
    # A wrong phone answers like an unknown code, so a code cannot be probed.
    wrong = stranger.post(reverse("online_services:lookup"), {"code": dossier.receipt_code, "contact": "0900000000"})
    unknown = stranger.post(reverse("online_services:lookup"), {"code": "HT-2222-2222", "contact": "0912345678"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert stranger.get(reverse("online_services:dossier", args=[dossier.receipt_code])).status_code == 404


def test_result_online_refuses_a_bad_pdf_then_the_citizen_downloads_it_and_it_is_logged(desk):
    from security.models import DossierLogEntry

    officer = desk.officers["so-gtvt"]
    dossier = new_dossier(desk.gtvt_form)
    workflow.officer_move(dossier, S.PROCESSING, user=officer)
    client = officer_client(officer)
    fake = SimpleUploadedFile("kết quả.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(detail_url(dossier), step(dossier, "result", result_file=fake, note="x"))
    assert response.status_code == 400
    assert "không khớp với phần mở rộng" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING and not dossier.files.filter(kind="result").exists()
    pdf = SimpleUploadedFile("Giấy phép lái xe.pdf", pdf_bytes(), "application/pdf")
    response = client.post(detail_url(dossier), step(dossier, "result", result_file=pdf, note="Bản gốc tại quầy 3"))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.RESULT_READY

    citizen = looked_up(dossier)
    html = citizen.get(reverse("online_services:dossier", args=[dossier.receipt_code])).content.decode()
    result = dossier.files.get(kind="result")
    link = reverse("online_services:result", args=[dossier.receipt_code, result.pk])
    assert link in html
    response = citizen.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert DossierLogEntry.objects.filter(object_id=str(dossier.pk), action="portal.dossier.file_download").exists()
    # Another session cannot fetch it.
    assert Client(HTTP_HOST=GTVT_HOST).get(link).status_code == 404


def test_transfer_to_an_agency_the_procedure_does_not_allow_is_refused(desk):
    officer = desk.officers["ubnd-cam-binh"]
    dossier = new_dossier(desk.commune_form)
    client = officer_client(officer)
    response = client.post(detail_url(dossier), step(dossier, "transfer", to_agency=desk.agencies["so-y-te"].pk))
    assert response.status_code == 400
    assert "không cho phép chuyển hồ sơ đến “Sở Y tế”" in response.content.decode()
    dossier.refresh_from_db()
    assert (dossier.status, dossier.agency.slug) == (S.RECEIVED, "ubnd-cam-binh")
    district = desk.agencies["ubnd-cam-xuyen"]
    response = client.post(detail_url(dossier), step(dossier, "transfer", to_agency=district.pk, note="Cấp huyện"))
    assert response.status_code == 302
    # The commune keeps a read-only view: no step forms, a 403 on any post.
    page = client.get(detail_url(dossier))
    assert page.status_code == 200 and "data-read-only" in page.content.decode()
    assert 'name="action"' not in page.content.decode()
    dossier.refresh_from_db()
    assert client.post(detail_url(dossier), step(dossier, "status", to_status="processing")).status_code == 403
    # A third agency sees nothing.
    assert officer_client(desk.officers["so-y-te"]).get(detail_url(dossier)).status_code == 403
    # The district moves it; the queue filters show it as transferred in / out.
    district_client = officer_client(desk.officers["ubnd-cam-xuyen"])
    queue = reverse("dossier_queue:index")
    assert dossier.receipt_code in district_client.get(queue, {"transfer": "in"}).content.decode()
    assert dossier.receipt_code in client.get(queue, {"transfer": "out"}).content.decode()
    assert dossier.receipt_code not in client.get(queue, {"transfer": "in"}).content.decode()


def test_two_officers_on_the_same_page_the_second_gets_a_clear_message(desk):
    first, second = officer_client(desk.officers["so-gtvt"]), Client()
    from django.contrib.auth import get_user_model

    colleague = get_user_model().objects.create_user("motcua.gtvt2", password="x")
    colleague.groups.add(desk.agencies["so-gtvt"].officers_group)
    second.force_login(colleague)
    dossier = new_dossier(desk.gtvt_form)
    seen = step(dossier, "status", to_status="processing")
    assert first.post(detail_url(dossier), seen).status_code == 302
    response = second.post(detail_url(dossier), {**seen, "status-to_status": "rejected"})
    assert response.status_code == 409
    assert "vừa được cán bộ khác cập nhật" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING and dossier.history.count() == 2


def test_forbidden_move_posted_by_hand_is_refused(desk):
    dossier = new_dossier(desk.gtvt_form)
    client = officer_client(desk.officers["so-gtvt"])
    for target in ("result_returned", "supplement_received", "withdrawn", "transferred"):
        response = client.post(detail_url(dossier), step(dossier, "status", to_status=target))
        assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED and dossier.version == 0


def test_queue_filters_due_soon_overdue_and_assigned_to_me(desk):
    officer = desk.officers["so-gtvt"]
    today = timezone.localdate()
    late = new_dossier(desk.gtvt_form)
    Dossier.objects.filter(pk=late.pk).update(due_date=today - dt.timedelta(days=2))
    soon = new_dossier(desk.gtvt_form)
    Dossier.objects.filter(pk=soon.pk).update(due_date=today)
    later = new_dossier(desk.gtvt_form)
    Dossier.objects.filter(pk=later.pk).update(due_date=today + dt.timedelta(days=30))
    workflow.assign(later, officer)
    client = officer_client(officer)
    queue = reverse("dossier_queue:index")

    def codes(**params):
        html = client.get(queue, params).content.decode()
        return {d.receipt_code for d in (late, soon, later) if d.receipt_code in html}

    assert codes() == {late.receipt_code, soon.receipt_code, later.receipt_code}
    assert codes(due="overdue") == {late.receipt_code}
    assert codes(due="soon") == {soon.receipt_code}
    assert codes(mine="true") == {later.receipt_code}
    assert codes(q=later.receipt_code) == {later.receipt_code}
    assert codes(q="Nguyễn Văn") == {late.receipt_code, soon.receipt_code, later.receipt_code}
    assert codes(ordering="due_date") == codes()
    assert "quá hạn" in client.get(queue, {"due": "overdue"}).content.decode()
    # The dashboard panel counts the same.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-dossier-panel" in home
    from online_services.panels import counts_for

    counts = counts_for(officer)
    assert (counts["new"], counts["due_soon"], counts["overdue"], counts["mine"]) == (3, 1, 1, 1)
    # Another agency's officer has an empty queue and panel.
    other = officer_client(desk.officers["so-y-te"]).get(queue).content.decode()
    assert not any(d.receipt_code in other for d in (late, soon, later))


def test_late_dossier_apology_page_and_pdf(desk):
    officer = desk.officers["so-gtvt"]
    dossier = new_dossier(desk.gtvt_form, submitted_at=timezone.now() - dt.timedelta(days=20))
    client = officer_client(officer)
    new_date = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        detail_url(dossier), step(dossier, "appointment", new_date=new_date.isoformat(), reason="Chờ xác minh")
    )
    assert response.status_code == 302
    appointment = dossier.appointments.get()
    admin_page = client.get(reverse("online_services_admin:apology", args=[dossier.pk, appointment.pk]))
    assert "Phiếu xin lỗi và hẹn lại ngày trả kết quả" in admin_page.content.decode()
    citizen = looked_up(dossier)
    url = reverse("online_services:apology", args=[dossier.receipt_code, appointment.pk])
    html = citizen.get(url).content.decode()
    assert "Chờ xác minh" in html and new_date.strftime("%d/%m/%Y") in html
    pdf = citizen.get(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_citizen_withdraws_while_received_only(desk):
    dossier = new_dossier(desk.gtvt_form)
    citizen = looked_up(dossier)
    assert "Rút hồ sơ" in citizen.get(reverse("online_services:dossier", args=[dossier.receipt_code])).content.decode()
    response = citizen.post(reverse("online_services:withdraw", args=[dossier.receipt_code]), {"reason": "Nộp nhầm"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.WITHDRAWN
    html = citizen.get(response["Location"]).content.decode()
    assert "Công dân rút hồ sơ" in html and "data-withdraw" not in html
    again = citizen.post(reverse("online_services:withdraw", args=[dossier.receipt_code]), {"reason": "x"})
    assert again.status_code == 302
    assert dossier.history.count() == 2
