"""Status lookup: code plus phone or email shows status and history; a wrong pair reveals nothing."""

from __future__ import annotations

import pytest

from django.test import Client

from online_services.models import Dossier

from .services_fixtures import page_path, shared_service_fixtures, submission_data

pytestmark = pytest.mark.django_db


# The network, the GTVT procedure and its form, built once for this module (services_fixtures.py).
network, procedure, service_page = shared_service_fixtures()


NOT_FOUND = "Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin liên hệ đã nhập."


@pytest.fixture
def dossier(service_page, citizen):
    assert citizen.post(page_path(service_page), submission_data(service_page)).status_code == 302
    return Dossier.objects.get()


def lookup(client, code, contact, prefix=""):
    return client.post(f"{prefix}/tra-cuu-ho-so/", {"code": code, "contact": contact})


@pytest.mark.parametrize("contact", ["0912345678", "+84 912 345 678", "091.234.5678", "AN@example.vn"])
def test_code_and_phone_or_email_show_status_and_history(dossier, contact):
    client = Client(HTTP_HOST="hatinh.localhost")  # the lookup answers on every site of the network
    response = lookup(client, dossier.receipt_code.lower().replace("-", " "), contact)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã tiếp nhận" in html
    assert dossier.procedure_title in html
    assert "Quá trình xử lý" in html


def test_history_follows_the_officers_changes(dossier, make_user):
    officer = make_user("officer", dossier.agency.officers_group)
    dossier.transition(Dossier.Status.PROCESSING, user=officer, comment="Đã kiểm tra đủ hồ sơ")
    html = lookup(Client(), dossier.receipt_code, "an@example.vn").content.decode()
    assert "Đang xử lý" in html
    assert "Đã kiểm tra đủ hồ sơ" in html
    assert "officer" not in html  # officers' accounts are not shown to the public


def test_wrong_pair_reads_exactly_like_an_unknown_code(dossier):
    client = Client()
    wrong_contact = lookup(client, dossier.receipt_code, "0999999999")
    wrong_email = lookup(client, dossier.receipt_code, "other@example.vn")
    unknown = lookup(client, "HT-2222-3333", "0912345678")
    malformed = lookup(client, "xyz", "0912345678")
    bodies = []
    for response in (wrong_contact, wrong_email, unknown, malformed):
        assert response.status_code == 404
        html = response.content.decode()
        assert NOT_FOUND in html
        assert dossier.procedure_title not in html
        assert "Đã tiếp nhận" not in html
        bodies.append(html.replace(dossier.receipt_code, "").replace("HT-2222-3333", "").replace("xyz", ""))
    # Apart from the echoed input and the CSRF token, the pages are identical.
    import re

    strip = lambda s: re.sub(r'value="[^"]*"', "", s)  # noqa: E731
    assert len({strip(b) for b in bodies}) == 1


def test_lookups_are_rate_limited_per_ip(dossier, settings):
    settings.ONLINE_SERVICE_LOOKUP_RATE = (3, 600)
    client = Client()
    for _ in range(3):
        assert lookup(client, "HT-2222-3333", "0912345678").status_code == 404
    limited = lookup(client, dossier.receipt_code, "0912345678")  # even the right pair, once the allowance is spent
    assert limited.status_code == 429
    html = limited.content.decode()
    assert "Bạn đã tra cứu quá nhiều lần" in html
    assert "Đã tiếp nhận" not in html
    assert (
        lookup(
            client,
            dossier.receipt_code,
            "0912345678",
        ).status_code
        == 429
    )
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert (
        other.post(
            "/tra-cuu-ho-so/", {"code": dossier.receipt_code, "contact": "0912345678"}, REMOTE_ADDR="10.1.2.3"
        ).status_code
        == 200
    )


def test_lookup_page_in_english(dossier):
    response = Client().get("/en/tra-cuu-ho-so/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Look up a dossier" in html
    result = lookup(Client(), dossier.receipt_code, "0912345678", prefix="/en").content.decode()
    assert "Received" in result


def test_lookup_requires_csrf():
    client = Client(enforce_csrf_checks=True)
    assert client.get("/tra-cuu-ho-so/").status_code == 200
    assert client.post("/tra-cuu-ho-so/", {"code": "HT-2222-3333", "contact": "0912345678"}).status_code == 403


def test_lookup_prefills_code_from_receipt_link(dossier):
    html = Client().get(f"/tra-cuu-ho-so/?code={dossier.receipt_code}").content.decode()
    assert f'value="{dossier.receipt_code}"' in html
