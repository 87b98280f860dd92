"""The public page on the portal and on an agency site, the open data, bad input (400), the rating and its links."""

from __future__ import annotations

import csv
import io
import re

import pytest

from django.core import mail
from django.test import Client

from accountability.models import Rating
from online_services.models import Dossier
from online_services.notifications import notify

from .conftest import GTVT, PORTAL, YTE

FEB = "?from=2026-02-01&to=2026-02-28"


@pytest.fixture
def client():
    return Client()


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def test_portal_page_shows_network_and_ranking(client, dossier_set):
    response = get(client, PORTAL, f"/tinh-hinh-giai-quyet-ho-so/{FEB}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="received">11<' in html
    assert 'data-figure="late">2<' in html
    assert 'data-breakdown="agency"' in html
    assert html.index("Sở Giao thông vận tải") < html.index("Sở Y tế</a>")  # ranked: 100 % before 60 %
    assert html.count("<svg") == 2 and 'role="img"' in html and "<desc" in html
    assert "style=" not in html.split("<main", 1)[1].split("</main>", 1)[0]  # CSP: no style attributes
    assert "Bộ chỉ số phục vụ người dân, doanh nghiệp" in html


def test_chart_coordinates_are_not_localised(client, dossier_set):
    """Vietnamese writes 170,5: a coordinate rendered that way breaks the SVG (found on the demo)."""
    html = get(client, PORTAL, f"/tinh-hinh-giai-quyet-ho-so/{FEB}").content.decode()
    svg = "".join(re.findall(r"<svg.*?</svg>", html, re.S))
    values = re.findall(r'\b(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', svg)
    assert values and all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in values), values
    points = re.findall(r'points="([^"]*)"', svg)
    assert points and all(re.fullmatch(r"(\d+(\.\d+)?,\d+(\.\d+)? ?)+", p) for p in points)
    assert "60,0 %" in svg  # the values shown as text are localised: Sở Y tế's on-time rate


def test_agency_site_shows_its_own(client, dossier_set):
    html = get(client, YTE, f"/tinh-hinh-giai-quyet-ho-so/{FEB}").content.decode()
    assert 'data-figure="received">9<' in html
    assert 'data-breakdown="agency"' not in html
    html = get(client, GTVT, f"/tinh-hinh-giai-quyet-ho-so/{FEB}").content.decode()
    assert 'data-figure="received">2<' in html


def test_portal_narrowed_to_one_agency(client, dossier_set):
    html = get(client, PORTAL, f"/tinh-hinh-giai-quyet-ho-so/{FEB}&agency=so-y-te").content.decode()
    assert 'data-figure="received">9<' in html


def test_english(client, dossier_set):
    response = get(client, PORTAL, f"/en/tinh-hinh-giai-quyet-ho-so/{FEB}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dossier processing" in html or "Dossiers settled" in html or "Statistics" in html
    assert "Department of Health" in html


@pytest.mark.parametrize(
    ("host", "query", "message"),
    [
        (PORTAL, "?period=week", "Kỳ báo cáo không hợp lệ"),
        (PORTAL, "?from=2026-02-30&to=2026-03-01", "không hợp lệ"),
        (PORTAL, "?from=2026-01-01&to=2999-01-01", "tương lai"),
        (PORTAL, "?agency=khong-co", "Không có cơ quan"),
        (YTE, "?agency=so-gtvt", "chỉ có số liệu của Sở Y tế"),
    ],
)
def test_bad_input_is_400_with_the_reason(client, dossier_set, host, query, message):
    response = get(client, host, f"/tinh-hinh-giai-quyet-ho-so/{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    api = get(client, host, f"/api/statistics/{query}")
    assert api.status_code == 400 and message in api.json()["error"]


def test_bad_input_in_english(client, dossier_set):
    response = get(client, PORTAL, "/en/tinh-hinh-giai-quyet-ho-so/?period=week")
    assert response.status_code == 400
    assert "Kỳ báo cáo" not in response.content.decode()


def test_open_data_json_and_csv(client, dossier_set):
    response = get(client, PORTAL, f"/api/statistics/{FEB}")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["scope"] == "network" and data["period"] == {"kind": "custom", "from": "2026-02-01", "to": "2026-02-28"}
    assert data["totals"]["received"] == 11 and data["totals"]["on_time_rate"] == 66.7
    assert data["totals"]["received_in_person"] is None
    assert [a["agency"] for a in data["agencies"]] == ["so-gtvt", "so-y-te"]
    assert len(data["trend"]) == 12 and data["trend"][-1]["month"] == "2026-02"
    response = get(client, PORTAL, f"/api/statistics.csv{FEB}")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["level"] == "total" and rows[0]["received"] == "11" and rows[0]["received_in_person"] == ""
    assert {r["key"] for r in rows if r["level"] == "agency"} == {"so-gtvt", "so-y-te"}
    agency = get(client, YTE, f"/api/statistics/{FEB}").json()
    assert agency["scope"] == "so-y-te" and agency["totals"]["received"] == 9


def test_figures_follow_a_new_rating(client, dossier_set):
    """Cached figures, a new generation on every change: the page shows the new rating at once."""
    assert get(client, PORTAL, f"/api/statistics/{FEB}").json()["totals"]["ratings"] == 2
    Rating.objects.create(dossier_id=dossier_set[12], ease=5, timeliness=5, attitude=5, overall=5)
    assert get(client, PORTAL, f"/api/statistics/{FEB}").json()["totals"]["ratings"] == 3


# ----- the rating -----


def rate(client, code, contact="0912345678", host=GTVT, **scores):
    data = {"code": code, "contact": contact, "ease": 4, "timeliness": 4, "attitude": 5, "overall": 4}
    data.update(scores)
    return client.post("/danh-gia-ho-so/", data, HTTP_HOST=host)


def code_of(n, dossier_set):
    return Dossier.objects.get(pk=dossier_set[n]).receipt_code


def test_rating_once(client, dossier_set):
    code = code_of(12, dossier_set)
    response = rate(client, code.lower().replace("-", " "), contact="+84 912 345 678", comment="Tốt")
    assert response.status_code == 302
    rating = Rating.objects.get(dossier_id=dossier_set[12])
    assert (rating.ease, rating.attitude, rating.overall, rating.comment) == (4, 5, 4, "Tốt")
    again = rate(client, code, contact="dan12@example.vn")
    assert again.status_code == 409 and "đã được đánh giá" in again.content.decode()
    assert Rating.objects.filter(dossier_id=dossier_set[12]).count() == 1


def test_rating_refused_before_the_result(client, dossier_set):
    response = rate(client, code_of(4, dossier_set))
    assert response.status_code == 409 and "chưa được trả kết quả" in response.content.decode()
    # result ready but not yet returned (#3): not yet
    assert rate(client, code_of(3, dossier_set)).status_code == 409
    assert not Rating.objects.filter(dossier_id__in=[dossier_set[4], dossier_set[3]]).exists()


def test_rating_needs_the_contact(client, dossier_set):
    response = rate(client, code_of(12, dossier_set), contact="0999999999")
    assert response.status_code == 404
    assert rate(client, "HT-2222-2222").status_code == 404
    assert rate(client, code_of(12, dossier_set), overall=9).status_code == 400
    assert not Rating.objects.filter(dossier_id=dossier_set[12]).exists()


def test_rating_is_rate_limited(client, dossier_set, settings):
    for _i in range(10):
        rate(client, "HT-2222-2222")
    response = rate(client, code_of(12, dossier_set))
    assert response.status_code == 429
    assert not Rating.objects.filter(dossier_id=dossier_set[12]).exists()
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert rate(other, code_of(12, dossier_set)).status_code == 302


def test_lookup_page_invites_the_rating(client, dossier_set):
    code = code_of(12, dossier_set)
    response = client.post("/tra-cuu-ho-so/", {"code": code, "contact": "0912345678"}, HTTP_HOST=GTVT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-rating-invite" in html and f"/danh-gia-ho-so/?code={code}" in html
    # rated already (#1) → no invitation; not settled (#4) → none
    for n, host in ((1, YTE), (4, YTE)):
        html = client.post(
            "/tra-cuu-ho-so/", {"code": code_of(n, dossier_set), "contact": "0912345678"}, HTTP_HOST=host
        )
        assert "data-rating-invite" not in html.content.decode()


def test_result_notice_carries_the_link(dossier_set, django_capture_on_commit_callbacks):
    dossier = Dossier.objects.select_related("agency").get(pk=dossier_set[12])
    with django_capture_on_commit_callbacks(execute=True):
        notify(dossier, "result_returned")
    body = mail.outbox[-1].body
    assert "Đánh giá mức độ hài lòng" in body and f"/danh-gia-ho-so/?code={dossier.receipt_code}" in body
    with django_capture_on_commit_callbacks(execute=True):
        notify(dossier, "processing")
    assert "danh-gia-ho-so" not in mail.outbox[-1].body


def test_officer_sees_the_rating(dossier_set, admin_client):
    response = admin_client.get(f"/admin/ho-so/{dossier_set[1]}/", HTTP_HOST=PORTAL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-dossier-rating" in html and "Nhanh, chu đáo" in html
