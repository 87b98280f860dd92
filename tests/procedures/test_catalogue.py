"""The catalogue pages and the procedure page, as a citizen's browser (without JavaScript) gets them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model
from wagtail.models import Locale

from procedures.importing import run_import
from procedures.models import ProcedureIndexPage, ProcedurePage
from procedures.views import form_download_url

from .catalogue_fixtures import make_procedures

Document = get_document_model()
PORTAL = "hatinh.localhost"
GTVT = "sgtvt.hatinh.localhost"
CATALOGUE = "/thu-tuc-hanh-chinh/"


def path(page) -> str:
    """The page's path on its own site."""
    return page.get_url_parts()[2]


def codes(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return [p.code for p in response.context["procedures"].object_list]


def all_codes(client: Client, path: str) -> set[str]:
    """Every code across the pages of a listing (following the pagination links)."""
    found: set[str] = set()
    response = client.get(path)
    while True:
        found.update(codes(response))
        page = response.context["procedures"]
        if not page.has_next():
            return found
        separator = "&" if "?" in path else "?"
        response = client.get(f"{path}{separator}page={page.next_page_number()}")


@pytest.fixture
def network(sample_network):
    """Here the network is the module's world (tests/procedures/conftest.py): the sample's agencies,
    tests/conftest.py's three among them with the same records, built once for the module."""
    return sample_network


@pytest.fixture
def catalogue(sample_network):
    """Procedures of four agencies of every kind, with different fields, levels and methods."""
    for agency in sample_network.values():
        ProcedureIndexPage.ensure_for(agency)
    a = sample_network
    make_procedures(a["so-gtvt"], 3, field_name="Đường bộ", level=3, online=True)
    make_procedures(a["so-gtvt"], 2, field_name="Đường thủy nội địa", start=10, postal=True)
    make_procedures(a["so-y-te"], 2, field_name="Dược", level=3, online=True)
    make_procedures(a["so-y-te"], 1, field_name="Đường bộ", start=10)
    make_procedures(a["tp-ha-tinh"], 2, field_name="Xây dựng")
    make_procedures(a["phuong-bac-ha"], 2, field_name="Hộ tịch", level=1)
    return sample_network


def test_portal_lists_every_agency_and_an_agency_its_own(catalogue):
    every = set(ProcedurePage.objects.values_list("code", flat=True))
    assert len(every) == 12
    assert all_codes(Client(HTTP_HOST=PORTAL), CATALOGUE) == every

    response = Client(HTTP_HOST=GTVT).get(CATALOGUE)
    assert set(codes(response)) == set(
        ProcedurePage.objects.filter(agency__slug="so-gtvt").values_list("code", flat=True)
    )
    # An agency's catalogue offers no agency or level-of-government filter: it is its own.
    form = response.context["filter_form"]
    assert "agency" not in form.fields and "kind" not in form.fields
    assert "agency" in Client(HTTP_HOST=PORTAL).get(CATALOGUE).context["filter_form"].fields


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("field=duong-bo&agency=so-gtvt&level=3", {"T-SO-GTVT-0001", "T-SO-GTVT-0002", "T-SO-GTVT-0003"}),
        ("field=duong-bo&level=2", {"T-SO-Y-TE-0010"}),
        ("field=duong-bo&agency=so-y-te&level=3", set()),
        ("kind=commune", {"T-PHUONG-BAC-HA-0001", "T-PHUONG-BAC-HA-0002"}),
        ("kind=district&field=xay-dung", {"T-TP-HA-TINH-0001", "T-TP-HA-TINH-0002"}),
        ("method=postal", {"T-SO-GTVT-0010", "T-SO-GTVT-0011"}),
        ("method=online&agency=so-y-te", {"T-SO-Y-TE-0001", "T-SO-Y-TE-0002"}),
        ("level=1&kind=commune&field=ho-tich", {"T-PHUONG-BAC-HA-0001", "T-PHUONG-BAC-HA-0002"}),
    ],
)
def test_filters_combine_exactly(catalogue, query, expected):
    assert all_codes(Client(HTTP_HOST=PORTAL), f"{CATALOGUE}?{query}") == expected


def test_invalid_filter_values_are_ignored_not_errors(catalogue):
    response = Client(HTTP_HOST=PORTAL).get(f"{CATALOGUE}?level=7&agency=khong-co&field=duong-bo")
    assert response.status_code == 200
    assert set(codes(response)) == {"T-SO-GTVT-0001", "T-SO-GTVT-0002", "T-SO-GTVT-0003", "T-SO-Y-TE-0010"}


def test_sorting_and_pagination_are_links(sample_network):
    make_procedures(sample_network["so-gtvt"], 45, field_name="Đường bộ")
    client = Client(HTTP_HOST=GTVT)
    response = client.get(f"{CATALOGUE}?sort=code")
    first = codes(response)
    assert first == sorted(first) and len(first) == 20
    html = response.content.decode()
    assert 'href="?sort=code&amp;page=2"' in html and 'rel="next"' in html
    page3 = codes(client.get(f"{CATALOGUE}?sort=code&page=3"))
    assert page3 == [f"T-SO-GTVT-{n:04d}" for n in range(41, 46)]
    # Sort links keep the filters and go back to page 1.
    html = client.get(f"{CATALOGUE}?field=duong-bo&page=2").content.decode()
    assert 'href="?field=duong-bo&amp;sort=level"' in html


def test_sort_by_level_and_vietnamese_name(sample_network):
    gtvt = sample_network["so-gtvt"]
    make_procedures(gtvt, 1, title="Đổi giấy phép lái xe", level=2, start=1)
    make_procedures(gtvt, 1, title="Cấp giấy phép lái xe quốc tế", level=3, online=True, start=2)
    make_procedures(gtvt, 1, title="Duyệt thiết kế xe cơ giới cải tạo", level=2, start=3)
    client = Client(HTTP_HOST=GTVT)
    assert codes(client.get(f"{CATALOGUE}?sort=level"))[0] == "T-SO-GTVT-0002"
    names = [p.title for p in client.get(CATALOGUE).context["procedures"].object_list]
    if connection.vendor == "postgresql":
        # Vietnamese order: C < D < Đ.
        assert names == ["Cấp giấy phép lái xe quốc tế", "Duyệt thiết kế xe cơ giới cải tạo", "Đổi giấy phép lái xe"]


def test_catalogue_query_count_does_not_grow_with_procedures(network):
    for agency in network.values():
        ProcedureIndexPage.ensure_for(agency)
    make_procedures(network["so-gtvt"], 5, field_name="Đường bộ")
    make_procedures(network["so-y-te"], 5, field_name="Dược")
    client = Client(HTTP_HOST=PORTAL)
    client.get(CATALOGUE)  # warm the site-root cache, as any running server has it
    with CaptureQueriesContext(connection) as with_10:
        assert client.get(f"{CATALOGUE}?page=1").status_code == 200
    make_procedures(network["so-gtvt"], 245, field_name="Đường thủy nội địa", start=100)
    make_procedures(network["so-y-te"], 245, field_name="Khám bệnh, chữa bệnh", start=100)
    assert ProcedurePage.objects.count() == 500
    with CaptureQueriesContext(connection) as with_500:
        response = client.get(f"{CATALOGUE}?page=1")
    assert response.context["paginator"].count == 500
    assert len(with_500) == len(with_10), "\n".join(q["sql"] for q in with_500.captured_queries)
    # Filtered and on a later page, too.
    with CaptureQueriesContext(connection) as filtered:
        client.get(f"{CATALOGUE}?field=duong-thuy-noi-dia&kind=department&page=7")
    assert len(filtered) == len(with_10)


# --- the procedure page -----------------------------------------------------------------------


def _document(agency, title: str, n: int) -> Document:  # a document that is no procedure's form
    document = Document(title=title, collection=agency.collection)
    document.file.save(f"mau-{n}.docx", ContentFile(b"PK\x03\x04 form %d" % n), save=False)
    document.file_size = document.file.size
    document.save()
    return document


def _imported_procedure(folder: Path, *, code: str, steps: int, forms: int) -> ProcedurePage:
    """A procedure as the importer creates it (Vietnamese page and its English translation)."""
    (folder / "forms").mkdir(exist_ok=True)
    dossier = []
    for n in range(1, forms + 3):
        item = {"name": f"Giấy tờ số {n}", "copies": 1}
        if n <= forms:
            (folder / "forms" / f"{code}-{n}.docx").write_bytes(b"PK\x03\x04 %s %d" % (code.encode(), n))
            item["form"] = f"forms/{code}-{n}.docx"
        dossier.append(item)
    record = {
        "code": code,
        "name": f"Thủ tục có {steps} bước và {forms} mẫu đơn",
        "name_en": f"A procedure with {steps} steps and {forms} forms",
        "field": "Đường bộ",
        "agency": "so-gtvt",
        "level": 2,
        "methods": ["in_person", "postal"],
        "processing_time": "05 ngày làm việc",
        "fees": "Không",
        "subjects": [f"Đối tượng {n}" for n in range(1, steps + 1)],
        "steps": [f"Bước {n}: thực hiện công việc" for n in range(1, steps + 1)],
        "dossier": dossier,
        "legal_basis": [f"Văn bản số {n}" for n in range(1, steps + 1)],
        "result": "Giấy phép",
    }
    path = folder / f"{code}.json"
    path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
    assert run_import(path).created == [code]
    return ProcedurePage.objects.get(code=code, locale__language_code="vi")


def test_procedure_page_queries_do_not_grow_with_steps_and_forms(network, tmp_path):
    small = _imported_procedure(tmp_path, code="HT-GTVT-201", steps=2, forms=1)
    large = _imported_procedure(tmp_path, code="HT-GTVT-202", steps=40, forms=12)
    make_procedures(network["so-gtvt"], 3, field_name="Đường bộ")  # related procedures to list
    client = Client(HTTP_HOST=GTVT)
    client.get(path(small))  # warm the site-root cache, as any running server has it
    counts = []
    for page in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path(page))
        assert response.status_code == 200
        assert len(response.context["related_procedures"]) == 4
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 16, (counts, "\n".join(q["sql"][:150] for q in queries.captured_queries))
    html = response.content.decode()
    assert html.count("/documents/mau-don/") == 24  # table + list of the 12 forms
    assert html.count("Bước ") >= 40


@pytest.fixture
def imported(sample_network, sample_dir):
    run_import(sample_dir / "procedures-sample.json")
    return sample_network


def _licence(language="vi"):
    return ProcedurePage.objects.get(code="HT-GTVT-001", locale__language_code=language)


def test_procedure_page_shows_every_field_in_citizen_order(imported):
    page = _licence()
    html = Client(HTTP_HOST=GTVT).get(path(page)).content.decode()
    headings = re.findall(r"<h2 id=\"sec-[a-z]+\">([^<]+)</h2>", html)
    assert headings == [
        "Đối tượng thực hiện",
        "Yêu cầu, điều kiện thực hiện",
        "Thành phần hồ sơ",
        "Trình tự thực hiện",
        "Kết quả thực hiện",
        "Căn cứ pháp lý",
        "Nơi tiếp nhận hồ sơ",
    ]
    summary = html[html.index('class="procedure-facts"') : html.index("</dl>")]
    for text in ("HT-GTVT-001", "Sở Giao thông vận tải", "05 ngày làm việc", "135.000 đồng/lần cấp", "Qua bưu chính"):
        assert text in summary
    # Both vocabularies of the service level.
    assert "Mức độ 3" in summary and "Dịch vụ công trực tuyến một phần" in summary
    # The online-service call to action (issue #4) sits right after the heading block.
    assert html.index("</header>", html.index("procedure-header")) < html.index('id="sec-subjects"')
    for step in page.steps:
        assert str(step.value) in html
    # The form: name, type and size.
    assert re.search(r"Đơn đề nghị đổi giấy phép lái xe</a> <span class=\"file-meta\">\(DOCX, [\d.,]+\s", html)


def test_print_stylesheet_and_json_ld(imported):
    page = _licence()
    html = Client(HTTP_HOST=GTVT).get(path(page)).content.decode()
    link = re.search(r'<link rel="stylesheet" href="([^"]+print[^"]*\.css)" media="print">', html)
    assert link
    css = Path(finders.find("procedures/print.css")).read_text(encoding="utf-8")
    assert "@media print" in css and ".site-header" in css

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "GovernmentService"
    assert data["name"] == page.title and data["identifier"] == "HT-GTVT-001"
    assert data["provider"]["@type"] == "GovernmentOrganization" and data["provider"]["name"] == "Sở Giao thông vận tải"
    assert data["url"].endswith(path(page))
    assert {c["name"] for c in data["availableChannel"]} == {"Trực tiếp", "Qua bưu chính", "Trực tuyến"}


def test_contact_block_comes_from_the_agency_site_settings(imported):
    from core.models import SiteSettings

    gtvt = imported["so-gtvt"]
    settings_obj = SiteSettings.for_site(gtvt.site)
    settings_obj.address = "Số 2 đường Nguyễn Du, thành phố Hà Tĩnh"
    settings_obj.hotline = "0239 3855 000"
    settings_obj.save()
    html = Client(HTTP_HOST=GTVT).get(path(_licence())).content.decode()
    block = html[html.index('class="agency-contact"') :]
    assert "Số 2 đường Nguyễn Du, thành phố Hà Tĩnh" in block
    assert 'href="tel:02393855000"' in block


def test_related_procedures_of_the_same_field(imported):
    make_procedures(imported["so-gtvt"], 2, field_name="Đường bộ", start=50)
    make_procedures(imported["so-y-te"], 1, field_name="Dược", start=50)
    response = Client(HTTP_HOST=GTVT).get(path(_licence()))
    related = [p.code for p in response.context["related_procedures"]]
    assert related == ["T-SO-GTVT-0050", "T-SO-GTVT-0051"]


def test_english_page_shows_english_name_and_level_terms(imported):
    response = Client(HTTP_HOST=GTVT).get(path(_licence("en")))
    html = response.content.decode()
    assert "Renewal of a driving licence issued by the transport sector" in html
    assert "Partial online public service" in html and "Level 3" in html
    assert "Dossier components" in html
    en_catalogue = Client(HTTP_HOST=GTVT).get("/en/thu-tuc-hanh-chinh/")
    assert [p.title for p in en_catalogue.context["procedures"].object_list] == [_licence("en").title]


# --- downloads --------------------------------------------------------------------------------


def test_form_download_has_the_vietnamese_filename(imported, sample_dir):
    component = _licence().dossier_components.exclude(form=None).get()
    url = form_download_url(component.form)
    assert url.endswith("/don-de-nghi-doi-giay-phep-lai-xe.docx")
    response = Client(HTTP_HOST=GTVT).get(url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    encoded = re.search(r"filename\*=utf-8''(\S+)", disposition).group(1)
    assert unquote(encoded) == "Đơn đề nghị đổi giấy phép lái xe.docx"
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert b"".join(response.streaming_content) == (sample_dir / "forms/don-de-nghi-doi-gplx.docx").read_bytes()


def test_download_only_serves_forms_of_live_procedures(imported):
    client = Client(HTTP_HOST=GTVT)
    component = _licence().dossier_components.exclude(form=None).get()
    wrong_name = f"/documents/mau-don/{component.form.pk}/khac.docx"
    assert client.get(wrong_name)["Location"] == form_download_url(component.form)

    other = _document(imported["so-gtvt"], "Tài liệu nội bộ", 99)
    assert client.get(form_download_url(other)).status_code == 404
    assert client.get("/documents/mau-don/999999/x.docx").status_code == 404

    url = form_download_url(component.form)
    for page in ProcedurePage.objects.filter(code="HT-GTVT-001"):
        page.unpublish()
    assert client.get(url).status_code == 404


def test_level_choices_show_both_terms(sample_network):
    ProcedureIndexPage.ensure_for(sample_network["so-gtvt"])
    html = Client(HTTP_HOST=GTVT).get(CATALOGUE).content.decode()
    assert "Mức độ 3 – Dịch vụ công trực tuyến một phần" in html
    assert "Mức độ 4 – Dịch vụ công trực tuyến toàn trình" in html


def test_catalogue_index_is_created_with_its_english_translation(sample_network):
    agency = sample_network["so-y-te"]
    ProcedureIndexPage.objects.child_of(agency.home_page).delete()  # provisioning made one; start over
    agency.home_page.refresh_from_db()
    index, created = ProcedureIndexPage.ensure_for(agency)
    assert created and index.slug == "thu-tuc-hanh-chinh" and index.live
    en = index.get_translation(Locale.objects.get(language_code="en"))
    assert en.title == "Administrative procedures" and en.live
    assert ProcedureIndexPage.ensure_for(agency) == (index, False)
