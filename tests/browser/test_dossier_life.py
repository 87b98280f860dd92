"""Level 3 all the way (#13): the dossier's life after the receipt, in a real browser against the live server.

1. The whole round trip of the driving-licence renewal: submitted, a missing photo asked for, sent from the
   lookup page, the due date moves, the result PDF marked ready and downloaded; the outbox holds the messages
   in order.
2. A commune dossier goes up to its district: the district processes it, the commune keeps a read-only view,
   a third agency sees nothing, the citizen sees the whole path.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from online_services.factories import make_procedure, make_service_page
from online_services.models import Dossier, Notification
from online_services.workdays import add_working_days
from sites.models import Agency
from sites.provisioning import provision_agencies
from tests.files import PDF, jpeg_bytes
from tests.online_services.desk_fixtures import COMMUNE, DISTRICT, new_dossier

PASSWORD = "officer-pw-123"


def officer(agency, name):
    user = get_user_model().objects.create_user(username=name, password=PASSWORD)
    user.groups.add(agency.officers_group)
    return user


def admin_page(browser, live_network, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(live_network.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    return context, page


def lookup(page, site_url, code, contact="0912345678"):
    page.goto(site_url + "/tra-cuu-ho-so/")
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Số điện thoại hoặc thư điện tử đã khai khi nộp").fill(contact)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()
    return page.locator("[data-dossier-status]").inner_text()


@pytest.fixture
def renewal(live_network, settings, tmp_path):
    cache.clear()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    procedure = make_procedure(live_network.by_slug["so-gtvt"])
    form = make_service_page(procedure)
    form.results_online = True  # Sở GTVT delivers this result online
    form.save_revision().publish()
    return procedure, form


def test_round_trip_supplement_then_result_download(live_network, renewal, page, browser, axe_check):
    procedure, form = renewal
    gtvt = live_network.by_slug["so-gtvt"]
    officer(gtvt, "motcua.gtvt")
    site = live_network.site_url("so-gtvt")

    # 1. The citizen submits the driving-licence renewal.
    page.goto(site + form.get_url_parts()[2])
    page.get_by_label("Đơn đề nghị đổi giấy phép lái xe (theo mẫu)").set_input_files(
        files=[{"name": "Đơn đề nghị.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("Giấy khám sức khỏe của người lái xe").set_input_files(
        files=[{"name": "giấy khám.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((12, 12), (180, 20, 20))}]
    )
    page.get_by_label("Họ và tên người nộp hồ sơ").fill("Nguyễn Văn An")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Thư điện tử").fill("an@example.vn")
    page.get_by_label(re.compile("^Tôi cam đoan")).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url(re.compile(r".*/tra-cuu-ho-so/giay-tiep-nhan/.*"))
    code = page.locator("[data-receipt-code]").inner_text()
    # The dossier came in ten days ago (so that the new count from today visibly moves the due date).
    received = timezone.localdate() - dt.timedelta(days=10)
    Dossier.objects.filter(receipt_code=code).update(
        submitted_at=timezone.now() - dt.timedelta(days=10),
        complete_on=received,
        due_date=add_working_days(received, 5),
    )
    dossier = Dossier.objects.get(receipt_code=code)
    old_due = dossier.due_date

    # 2. The Sở GTVT officer asks for a missing photo, tied to the health certificate component.
    desk, admin = admin_page(browser, live_network, "motcua.gtvt")
    admin.goto(live_network.url + "/admin/ho-so/")
    admin.get_by_role("link", name=code).click()
    admin.wait_for_load_state()
    admin.get_by_label("Giấy tờ cần bổ sung 1", exact=True).fill("Ảnh chân dung 3x4 nền trắng")
    admin.get_by_label("Thành phần hồ sơ 1", exact=True).select_option(label="Giấy khám sức khỏe của người lái xe")
    admin.get_by_label("Lời nhắn cho công dân").fill("Giấy khám thiếu ảnh dán.")
    admin.get_by_role("button", name="Gửi yêu cầu bổ sung").click()
    admin.wait_for_load_state()
    assert admin.locator("[data-dossier-status]").inner_text() == "Yêu cầu bổ sung hồ sơ"

    # 3. The citizen sees the request on the lookup page and uploads the photo.
    assert lookup(page, site, code) == "Yêu cầu bổ sung hồ sơ"
    request = page.locator("[data-supplement-request]")
    assert "Ảnh chân dung 3x4 nền trắng" in request.inner_text()
    axe_check(page, "lookup with a supplement request")
    page.get_by_label("Ảnh chân dung 3x4 nền trắng").set_input_files(
        files=[{"name": "ảnh 3x4.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((30, 40), (240, 240, 240))}]
    )
    page.get_by_label("Ý kiến gửi cơ quan giải quyết").fill("Tôi gửi bổ sung ảnh.")
    page.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
    page.wait_for_url(re.compile(r".*/tra-cuu-ho-so/ho-so/.*"))
    assert page.locator("[data-dossier-status]").inner_text() == "Đã nhận hồ sơ bổ sung"

    # 4. The due date moves: counted afresh, in working days, from today.
    new_due = add_working_days(timezone.localdate(), 5)
    assert new_due > old_due
    assert page.locator("[data-due-date]").inner_text() == new_due.strftime("%d/%m/%Y")
    dossier.refresh_from_db()
    assert dossier.due_date == new_due and dossier.complete_on == timezone.localdate()

    # 5. The officer marks the result ready with a PDF.
    admin.reload()
    admin.get_by_label("Tệp kết quả (PDF)").set_input_files(
        files=[{"name": "Giấy phép lái xe.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    admin.get_by_label("Nơi và thời gian nhận kết quả").fill("Bản gốc nhận tại quầy số 3.")
    admin.get_by_role("button", name="Báo đã có kết quả").click()
    admin.wait_for_load_state()
    assert admin.locator("[data-dossier-status]").inner_text() == "Đã có kết quả"
    desk.close()

    # 6. The citizen downloads it.
    assert lookup(page, site, code, "an@example.vn") == "Đã có kết quả"
    axe_check(page, "lookup with a result")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Tải kết quả")).click()
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read() == PDF
    assert download.value.suggested_filename == "Giấy phép lái xe.pdf"

    # The outbox holds the messages, in order, each by email and SMS.
    events = list(
        Notification.objects.filter(dossier__receipt_code=code).order_by("pk").values_list("event", "channel")
    )
    assert events == [
        (event, channel)
        for event in ("received", "supplement_requested", "supplement_received", "result_ready")
        for channel in ("email", "sms")
    ]
    assert set(Notification.objects.filter(dossier__receipt_code=code).values_list("state", flat=True)) == {"sent"}


def test_commune_dossier_goes_up_to_the_district(live_network, settings, tmp_path, page, browser):
    cache.clear()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    provision_agencies([dict(DISTRICT), dict(COMMUNE)])
    commune = Agency.objects.get(slug=COMMUNE["slug"])
    district = Agency.objects.get(slug=DISTRICT["slug"])
    officer(commune, "motcua.cambinh")
    officer(district, "motcua.camxuyen")
    officer(live_network.by_slug["so-y-te"], "motcua.yte")
    form = make_service_page(
        make_procedure(
            commune,
            code="HT-XA-001",
            title="Đăng ký khai sinh",
            processing_time="03 ngày làm việc",
            components=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        )
    )
    dossier = new_dossier(form)
    code = dossier.receipt_code

    # The commune desk sends it up with a note.
    ctx, desk = admin_page(browser, live_network, "motcua.cambinh")
    desk.goto(f"{live_network.url}/admin/ho-so/{dossier.pk}/")
    desk.get_by_label("Chuyển đến cơ quan").select_option(label=district.name)
    desk.get_by_label("Lý do chuyển hồ sơ").fill("Thuộc thẩm quyền cấp huyện.")
    desk.get_by_role("button", name="Chuyển hồ sơ").click()
    desk.wait_for_load_state()
    assert "đã được chuyển liên thông" in desk.content()
    # The commune keeps a read-only view.
    desk.goto(f"{live_network.url}/admin/ho-so/{dossier.pk}/")
    assert desk.locator("[data-read-only]").count() == 1
    assert desk.locator("form.dossier-step").count() == 0
    assert desk.locator("[data-dossier-agency]").inner_text() == district.name
    ctx.close()

    # The district finds it among the dossiers transferred in, and takes it into processing.
    ctx, district_desk = admin_page(browser, live_network, "motcua.camxuyen")
    district_desk.goto(f"{live_network.url}/admin/ho-so/?transfer=in")
    district_desk.get_by_role("link", name=code).click()
    district_desk.wait_for_load_state()
    district_desk.get_by_label("Chuyển sang trạng thái").select_option(label="Đang xử lý")
    district_desk.get_by_label("Ghi chú", exact=True).fill("Tiếp nhận hồ sơ liên thông từ xã.")
    district_desk.get_by_role("button", name="Cập nhật trạng thái").click()
    district_desk.wait_for_load_state()
    assert district_desk.locator("[data-dossier-status]").inner_text() == "Đang xử lý"
    history = district_desk.locator("[data-history]").inner_text()
    assert f"{commune.name} → {district.name}" in history
    ctx.close()

    # A third agency sees nothing.
    ctx, other = admin_page(browser, live_network, "motcua.yte")
    assert ctx.request.get(f"{live_network.url}/admin/ho-so/{dossier.pk}/").status == 403
    other.goto(f"{live_network.url}/admin/ho-so/")
    assert code not in other.content()
    ctx.close()

    # The citizen sees the whole path on the commune's site.
    port = live_network.url.rsplit(":", 1)[1]
    assert lookup(page, f"http://{COMMUNE['hostname']}:{port}", code) == "Đang xử lý"
    timeline = page.locator("[data-timeline]").inner_text()
    assert "Chuyển liên thông" in timeline and district.display_name in timeline
