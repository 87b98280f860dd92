"""The legal documents library filters by type, issuer, year and status, exactly."""

import re
from datetime import date, timedelta

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale

from sections import factories as f
from sections.models import DirectionIndexPage, DocumentStatus, LegalDocumentPage

ROW_NUMBER = re.compile(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>')


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.fixture
def library(network):
    """Six documents in Sở Y tế's library, one in Sở GTVT's, and one draft never shown."""
    home = network["so-y-te"].home_page
    lib = f.library(home)
    qd = f.document_type("Quyết định", "Decision")
    ct = f.document_type("Chỉ thị", "Directive")
    kh = f.document_type("Kế hoạch", "Plan")
    tt = f.document_type("Thông tư", "Circular")
    ubnd = f.issuer("UBND tỉnh Hà Tĩnh", "Ha Tinh Provincial People's Committee")
    syt = f.issuer("Sở Y tế", "Department of Health")
    byt = f.issuer("Bộ Y tế", "Ministry of Health")
    today = timezone.localdate()
    docs = {}

    def add(number, doc_type, doc_issuer, issued, **kwargs):
        docs[number] = f.legal_document(
            lib,
            number=number,
            doc_type=doc_type,
            doc_issuer=doc_issuer,
            issued=issued,
            summary=f"Trích yếu của văn bản {number}",
            **kwargs,
        )

    add("15/2024/QĐ-UBND", qd, ubnd, date(2024, 3, 15))
    add("22/2023/QĐ-UBND", qd, ubnd, date(2023, 6, 1), status=DocumentStatus.EXPIRED)
    add("05/CT-UBND", ct, ubnd, date(2024, 7, 10))
    # Marked in force, but its expiry date has passed: no longer in force.
    add("1234/QĐ-SYT", qd, syt, date(2024, 11, 20), effective=date(2024, 11, 20), expiry=today - timedelta(days=1))
    # Expires in the future: still in force.
    add("88/KH-SYT", kh, syt, date(2023, 2, 14), effective=date(2023, 2, 14), expiry=today + timedelta(days=30))
    add("30/2022/TT-BYT", tt, byt, date(2022, 12, 30))
    # Not live: never listed.
    draft = LegalDocumentPage(
        title="Dự thảo",
        slug="du-thao",
        number="99/2024/QĐ-UBND",
        document_type=qd,
        issuer=ubnd,
        issued_date=date(2024, 1, 2),
        summary="Chưa xuất bản",
        live=False,
    )
    lib.add_child(instance=draft)
    # Another agency's library, with a type used nowhere in Sở Y tế's.
    other = f.library(network["so-gtvt"].home_page)
    cv = f.document_type("Công văn", "Official letter")
    f.legal_document(
        other, number="47/2024/QĐ-UBND", doc_type=qd, doc_issuer=ubnd, issued=date(2024, 5, 5), summary="GTVT"
    )
    f.legal_document(other, number="310/SGTVT-VP", doc_type=cv, doc_issuer=ubnd, issued=date(2024, 5, 6), summary="x")
    return {
        "page": lib,
        "types": {"qd": qd, "ct": ct, "kh": kh, "tt": tt, "cv": cv},
        "issuers": {"ubnd": ubnd, "syt": syt, "byt": byt},
    }


def listed(client, page, **params):
    response = client.get(page.url, params, HTTP_HOST=page.get_site().hostname)
    assert response.status_code == 200
    return set(ROW_NUMBER.findall(response.content.decode()))


ALL = {"15/2024/QĐ-UBND", "22/2023/QĐ-UBND", "05/CT-UBND", "1234/QĐ-SYT", "88/KH-SYT", "30/2022/TT-BYT"}

# (filters, expected numbers) — computed by hand from the fixture above.
CASES = [
    ({}, ALL),
    ({"type": "qd"}, {"15/2024/QĐ-UBND", "22/2023/QĐ-UBND", "1234/QĐ-SYT"}),
    ({"type": "qd", "year": 2024}, {"15/2024/QĐ-UBND", "1234/QĐ-SYT"}),
    ({"type": "qd", "year": 2024, "status": "in_force"}, {"15/2024/QĐ-UBND"}),
    ({"type": "qd", "status": "expired"}, {"22/2023/QĐ-UBND", "1234/QĐ-SYT"}),
    ({"issuer": "syt"}, {"1234/QĐ-SYT", "88/KH-SYT"}),
    ({"issuer": "syt", "status": "in_force"}, {"88/KH-SYT"}),
    ({"year": 2023}, {"22/2023/QĐ-UBND", "88/KH-SYT"}),
    ({"issuer": "ubnd", "type": "ct", "year": 2024, "status": "in_force"}, {"05/CT-UBND"}),
    ({"status": "expired"}, {"22/2023/QĐ-UBND", "1234/QĐ-SYT"}),
    ({"status": "in_force"}, {"15/2024/QĐ-UBND", "05/CT-UBND", "88/KH-SYT", "30/2022/TT-BYT"}),
    ({"year": 2022, "issuer": "ubnd"}, set()),
    ({"issuer": "byt", "year": 2022}, {"30/2022/TT-BYT"}),
]


def test_filters_are_exact(client, library):
    """Every combination against the hand-computed expectation (one fixture, many requests)."""
    for filters, expected in CASES:
        params = {}
        for key, value in filters.items():
            if key == "type":
                value = library["types"][value].pk
            elif key == "issuer":
                value = library["issuers"][value].pk
            params[key] = value
        assert listed(client, library["page"], **params) == expected, filters


def test_a_value_outside_the_choices_matches_nothing_and_says_so(client, library):
    for params in ({"year": 1999}, {"year": "abc"}, {"status": "repealed"}, {"type": "not-a-number"}):
        response = client.get(library["page"].url, params, HTTP_HOST="soyte.hatinh.localhost")
        html = response.content.decode()
        assert ROW_NUMBER.findall(html) == [], params
        assert "Giá trị đã chọn không hợp lệ." in html, params


def test_a_type_used_only_by_another_agency_is_not_offered(client, library):
    cv = library["types"]["cv"]
    response = client.get(library["page"].url, {"type": cv.pk}, HTTP_HOST="soyte.hatinh.localhost")
    assert ROW_NUMBER.findall(response.content.decode()) == []
    assert f'<option value="{cv.pk}"' not in response.content.decode()


def test_choices_come_from_the_library_and_years_descend(client, library):
    html = client.get(library["page"].url, HTTP_HOST="soyte.hatinh.localhost").content.decode()
    years = re.findall(r'<option value="(\d{4})"', html)
    assert years == ["2024", "2023", "2022"]
    for label in ("Quyết định", "Chỉ thị", "Kế hoạch", "Thông tư", "UBND tỉnh Hà Tĩnh", "Bộ Y tế"):
        assert f">{label}</option>" in html


def test_keyword_filter(client, library):
    assert listed(client, library["page"], q="CT-UBND") == {"05/CT-UBND"}
    assert listed(client, library["page"], q="văn bản 88/KH") == {"88/KH-SYT"}


def test_pagination_keeps_the_filters(client, library, monkeypatch):
    monkeypatch.setattr(type(library["page"]), "per_page", 2)
    qd = library["types"]["qd"].pk
    html = client.get(library["page"].url, {"type": qd}, HTTP_HOST="soyte.hatinh.localhost").content.decode()
    assert len(ROW_NUMBER.findall(html)) == 2
    assert f"type={qd}&amp;trang=2" in html
    html = client.get(
        library["page"].url, {"type": qd, "trang": 2}, HTTP_HOST="soyte.hatinh.localhost"
    ).content.decode()
    assert len(ROW_NUMBER.findall(html)) == 1


def test_english_page_shows_english_labels(client, library):
    en = library["page"].copy_for_translation(Locale.objects.get(language_code="en"))
    en.title = "Legal documents"
    en.save_revision().publish()
    for doc in LegalDocumentPage.objects.child_of(library["page"]).live():
        doc.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=False).save_revision().publish()
    html = client.get("/en/van-ban-phap-luat/", HTTP_HOST="soyte.hatinh.localhost").content.decode()
    assert set(ROW_NUMBER.findall(html)) == ALL
    for text in ("Decision", "Department of Health", "In force", "No longer in force", "Issuer", "Effective date"):
        assert text in html, text


def test_document_page_shows_every_field(client, library):
    doc = LegalDocumentPage.objects.get(number="1234/QĐ-SYT")
    html = client.get(doc.url, HTTP_HOST="soyte.hatinh.localhost").content.decode()
    for text in ("1234/QĐ-SYT", "Sở Y tế", "Quyết định", "20/11/2024", "Hết hiệu lực", "Trích yếu của văn bản"):
        assert text in html


def test_direction_and_plans_pages_share_the_library(client, network):
    home = network["so-y-te"].home_page
    notices = f.library(home, DirectionIndexPage, "Văn bản chỉ đạo điều hành", "chi-dao-dieu-hanh")
    cv = f.document_type("Công văn", "Official letter")
    f.legal_document(
        notices,
        number="512/SYT-NVY",
        doc_type=cv,
        doc_issuer=f.issuer("Sở Y tế"),
        issued=date(2025, 4, 2),
        summary="Về việc tăng cường phòng, chống sốt xuất huyết",
    )
    assert listed(client, notices, type=cv.pk, year=2025) == {"512/SYT-NVY"}


def test_library_query_count_is_the_same_for_10_and_200(client, network, django_assert_num_queries):
    lib = f.library(network["so-y-te"].home_page)
    types = [f.document_type(name) for name in ("Quyết định", "Chỉ thị", "Công văn")]
    issuers = [f.issuer(name) for name in ("UBND tỉnh Hà Tĩnh", "Sở Y tế")]
    file = f.text_document("Tệp mẫu", "Nội dung")

    def add(start, count):
        for i in range(start, start + count):
            f.legal_document(
                lib,
                number=f"{i + 1}/2024/QĐ-UBND",
                doc_type=types[i % 3],
                doc_issuer=issuers[i % 2],
                issued=date(2020 + i % 5, 1 + i % 12, 1),
                summary=f"Văn bản thứ {i + 1}",
                file=file,
                revision=False,
            )

    def rows(response):
        return len(ROW_NUMBER.findall(response.content.decode()))

    add(0, 10)
    params = {"issuer": issuers[0].pk}
    client.get(lib.url, params, HTTP_HOST="soyte.hatinh.localhost")  # warm the per-process caches
    with CaptureQueriesContext(connection) as with_10:
        assert rows(client.get(lib.url, params, HTTP_HOST="soyte.hatinh.localhost")) == 5
    # The library's own share: types, issuers, years, the count and one page of rows.
    own = [q for q in with_10.captured_queries if "home_legaldocumentpage" in q["sql"]]
    assert len(own) == 5, [q["sql"][:120] for q in own]

    add(10, 190)
    with django_assert_num_queries(len(with_10)):
        assert rows(client.get(lib.url, params, HTTP_HOST="soyte.hatinh.localhost")) == lib.per_page
