"""A citizen finds a procedure in the catalogue on a phone and downloads its form."""

import json
import shutil
from pathlib import Path

from django.conf import settings

from procedures.importing import run_import
from procedures.models import ProcedureIndexPage

SAMPLE_DIR = Path(settings.BASE_DIR) / "demo" / "data"


def import_sample(folder: Path, agencies) -> None:
    """The sample's procedures of the agencies the live network has, with their forms, and every catalogue page."""
    for agency in agencies.values():
        ProcedureIndexPage.ensure_for(agency)
    records = json.loads((SAMPLE_DIR / "procedures-sample.json").read_text(encoding="utf-8"))
    records = [r for r in records if r["agency"] in agencies]
    shutil.copytree(SAMPLE_DIR / "forms", folder / "forms")
    path = folder / "sample.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    report = run_import(path)
    assert report.ok and len(report.created) == len(records) == 2


def test_citizen_filters_opens_and_downloads_the_form(live_network, page, axe_check, tmp_path):
    import_sample(tmp_path, live_network.by_slug)

    page.goto(live_network.url + "/thu-tuc-hanh-chinh/")
    assert page.locator("h1").inner_text() == "Thủ tục hành chính"
    assert page.get_by_role("status").inner_text() == "Có 2 thủ tục."
    axe_check(page, "catalogue")

    page.get_by_label("Cơ quan thực hiện").select_option(label="Sở Giao thông vận tải")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    assert "agency=so-gtvt" in page.url
    assert page.get_by_role("status").inner_text() == "Có 1 thủ tục."
    titles = page.locator(".procedure-item-title").all_inner_texts()
    assert titles == ["Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"]

    page.get_by_role("link", name="Đổi giấy phép lái xe do ngành Giao thông vận tải cấp").click()
    page.wait_for_load_state()
    assert page.url.startswith(live_network.site_url("so-gtvt") + "/thu-tuc-hanh-chinh/")
    assert page.locator("h1").inner_text() == "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
    assert "Dịch vụ công trực tuyến một phần" in page.locator(".procedure-facts").inner_text()
    axe_check(page, "procedure page")

    link = page.get_by_role("link", name="Đơn đề nghị đổi giấy phép lái xe", exact=True)
    assert "DOCX" in page.locator(".form-list li").first.inner_text()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "Đơn đề nghị đổi giấy phép lái xe.docx"
    content = Path(download.path()).read_bytes()
    assert content[:2] == b"PK"  # a Word document is a zip package
    assert content == (SAMPLE_DIR / "forms" / "don-de-nghi-doi-gplx.docx").read_bytes()


def test_print_view_hides_navigation(live_network, page, tmp_path):
    import_sample(tmp_path, live_network.by_slug)
    page.goto(live_network.site_url("so-y-te") + "/thu-tuc-hanh-chinh/cap-chung-chi-hanh-nghe-duoc/")
    print_button = page.get_by_role("button", name="In trang này")
    assert print_button.is_visible()  # shown by JavaScript; without it, the browser's own print works
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not print_button.is_visible()
    assert page.locator(".dossier-table").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()
