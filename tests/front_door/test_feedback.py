"""“Trang này có hữu ích không?”: no JavaScript needed, CSRF, rate limit, no address stored, scoped report."""

from __future__ import annotations

import pytest

from django.test import Client

from feedback.models import PageFeedback
from online_services.factories import make_procedure
from tests.front_door.conftest import GTVT, YTE, url


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.fixture
def procedure(network):
    return make_procedure(network["so-y-te"], code="HT-YT-010", title="Cấp chứng chỉ hành nghề dược", level=3)


def answer(client, procedure, helpful="no", **extra):
    """The path without JavaScript: the page's GET form, then the form page's POST with its CSRF token."""
    page = client.get(url(procedure), HTTP_HOST=YTE).content.decode()
    assert "Trang này có hữu ích không?" in page and 'name="helpful" value="no"' in page
    assert "csrfmiddlewaretoken" not in page  # the page itself stays cacheable
    form = client.get("/y-kien-ve-trang/", {"page": procedure.pk, "helpful": helpful}, HTTP_HOST=YTE)
    assert form.status_code == 200 and "no-cache" in form["Cache-Control"] or "max-age=0" in form["Cache-Control"]
    token = form.cookies["csrftoken"].value if "csrftoken" in form.cookies else client.cookies["csrftoken"].value
    data = {"page": procedure.pk, "helpful": helpful, "csrfmiddlewaretoken": token, **extra}
    return client.post("/y-kien-ve-trang/", data, HTTP_HOST=YTE)


def test_a_no_answer_with_reasons_and_text_is_recorded_without_javascript(procedure):
    client = Client(enforce_csrf_checks=True)
    response = answer(client, procedure, reasons=["unclear", "outdated"], comment="Thiếu mẫu tờ khai.")
    assert response.status_code == 302
    thanks = client.get(response["Location"], HTTP_HOST=YTE).content.decode()
    assert "Cảm ơn bạn đã góp ý" in thanks
    saved = PageFeedback.objects.get()
    assert saved.page_id == procedure.pk and saved.agency_id == procedure.agency_id
    assert saved.helpful is False and saved.reasons == "unclear,outdated" and saved.comment == "Thiếu mẫu tờ khai."
    stored = {f.name for f in PageFeedback._meta.get_fields()}
    assert not stored & {"ip", "ip_address", "client", "address", "user_agent"}


def test_a_post_without_the_csrf_token_is_refused(procedure):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/y-kien-ve-trang/", {"page": procedure.pk, "helpful": "no"}, HTTP_HOST=YTE)
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_the_rate_limit_stops_a_flood_from_one_client(procedure):
    client = Client()
    for _ in range(10):
        assert (
            client.post("/y-kien-ve-trang/", {"page": procedure.pk, "helpful": "yes"}, HTTP_HOST=YTE).status_code == 302
        )
    assert client.post("/y-kien-ve-trang/", {"page": procedure.pk, "helpful": "yes"}, HTTP_HOST=YTE).status_code == 429
    assert PageFeedback.objects.count() == 10


def test_the_rate_limit_keeps_a_hash_of_the_address_for_at_most_an_hour(procedure):
    from django.core.cache import cache

    Client().post("/y-kien-ve-trang/", {"page": procedure.pk, "helpful": "yes"}, HTTP_HOST=YTE)
    keys = [k for k in cache._cache if "rate:feedback" in k]  # locmem in tests
    assert keys and not any("127.0.0.1" in k for k in keys)
    expiry = max(cache._expire_info[k] for k in keys)
    import time

    assert expiry - time.time() <= 3600


def test_the_fetch_path_answers_json(procedure):
    response = Client().post(
        "/y-kien-ve-trang/", {"page": procedure.pk, "helpful": "yes"}, HTTP_HOST=YTE, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.json()["ok"] is True


def test_pages_without_feedback_and_unknown_pages_are_refused(network):
    home = network["so-y-te"].home_page
    assert Client().get("/y-kien-ve-trang/", {"page": home.pk}, HTTP_HOST=YTE).status_code == 404
    assert Client().get("/y-kien-ve-trang/", {"page": "x"}, HTTP_HOST=YTE).status_code == 404


def test_each_agency_sees_its_own_pages_feedback_with_the_most_no_on_top(client, network, editor, procedure):
    other = make_procedure(network["so-y-te"], code="HT-YT-011", title="Cấp giấy phép kinh doanh thuốc")
    transport = make_procedure(network["so-gtvt"], code="HT-GT-001", title="Đổi giấy phép lái xe")
    for page, answers in [(procedure, [False, False, True]), (other, [False, True, True]), (transport, [False] * 5)]:
        for helpful in answers:
            PageFeedback.objects.create(page=page, agency=page.agency, helpful=helpful)
    client.force_login(editor)
    listing = client.get("/admin/y-kien-ve-trang/").content.decode()
    assert "Đổi giấy phép lái xe" not in listing
    assert listing.index("Cấp chứng chỉ hành nghề dược") < listing.index("Cấp giấy phép kinh doanh thuốc")
    refused = client.get(f"/admin/y-kien-ve-trang/{transport.pk}/")
    assert refused.status_code in (302, 403) and "Đổi giấy phép lái xe" not in refused.content.decode()
    assert client.get(f"/admin/y-kien-ve-trang/{procedure.pk}/").status_code == 200
    assert client.get(url(transport), HTTP_HOST=GTVT).status_code == 200
