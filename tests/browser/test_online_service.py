"""A citizen submits the driving-licence renewal online; the transport department's one-stop desk processes it."""

from __future__ import annotations

import re

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache

from online_services.factories import make_procedure, make_service_page
from online_services.models import Dossier
from tests.files import PDF, jpeg_bytes


@pytest.fixture
def driving_licence(live_network, settings, tmp_path):
    cache.clear()  # per-IP rate limits: earlier tests in this process submitted from 127.0.0.1 too
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    procedure = make_procedure(
        live_network.by_slug["so-gtvt"],
        components=["Đơn đề nghị đổi giấy phép lái xe (theo mẫu)", "Giấy khám sức khỏe của người lái xe"],
    )
    return procedure, make_service_page(procedure)


def officer(slug, live_network, name):
    user = get_user_model().objects.create_user(username=name, password="officer-pw-123")
    user.groups.add(live_network.by_slug[slug].officers_group)
    return user


def admin_login(page, live_network, username):
    page.goto(live_network.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "officer-pw-123")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def lookup(page, live_network, code, contact):
    page.goto(live_network.site_url("so-gtvt") + "/tra-cuu-ho-so/")
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Số điện thoại hoặc thư điện tử đã khai khi nộp").fill(contact)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()
    return page.locator("[data-dossier-status]").inner_text()


def test_citizen_submits_officer_processes_other_agency_is_refused(
    live_network, driving_licence, page, browser, axe_check
):
    procedure, form_page = driving_licence
    officer("so-gtvt", live_network, "motcua.sogtvt")
    officer("so-y-te", live_network, "motcua.soyte")

    # The procedure page (level 3 now) leads to the online form.
    page.goto(live_network.site_url("so-gtvt") + procedure.get_url_parts()[2])
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.wait_for_load_state()
    assert page.url.endswith(form_page.get_url_parts()[2])
    assert page.locator("h1").inner_text() == "Nộp hồ sơ trực tuyến"
    axe_check(page, "online service form")

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

    assert page.locator("h1").inner_text() == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    code = page.locator("[data-receipt-code]").inner_text()
    assert re.fullmatch(r"HT-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    axe_check(page, "receipt")

    assert lookup(page, live_network, code, "0912345678") == "Đã tiếp nhận"
    axe_check(page, "lookup result")

    # The transport department's officer finds it in the queue and moves it to "Đang xử lý".
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = desk.new_page()
    admin_login(admin, live_network, "motcua.sogtvt")
    admin.goto(live_network.url + "/admin/ho-so/")
    admin.get_by_role("link", name=code).click()
    admin.wait_for_load_state()
    admin.get_by_label("Chuyển sang trạng thái").select_option(label="Đang xử lý")
    admin.get_by_label("Ghi chú").fill("Hồ sơ hợp lệ, chuyển phòng Quản lý phương tiện.")
    admin.get_by_role("button", name="Cập nhật trạng thái").click()
    admin.wait_for_load_state()
    assert admin.locator("[data-dossier-status]").inner_text() == "Đang xử lý"
    desk.close()

    assert lookup(page, live_network, code, "an@example.vn") == "Đang xử lý"
    assert "Hồ sơ hợp lệ, chuyển phòng Quản lý phương tiện." in page.content()

    # The health department's officer gets 403 on the dossier and on its files.
    dossier = Dossier.objects.get(receipt_code=code)
    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    intruder = other.new_page()
    admin_login(intruder, live_network, "motcua.soyte")
    assert other.request.get(f"{live_network.url}/admin/ho-so/{dossier.pk}/").status == 403
    for item in dossier.files.all():
        assert other.request.get(f"{live_network.url}/admin/ho-so/{dossier.pk}/tep/{item.pk}/").status == 403
    intruder.goto(live_network.url + "/admin/ho-so/")
    assert code not in intruder.content()
    other.close()
