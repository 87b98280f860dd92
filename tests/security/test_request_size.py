"""Oversized requests are refused before the body is read (security/limits.py): 413, translated, nothing stored."""

from __future__ import annotations

import pytest

from django.conf import settings as django_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from online_services.models import Dossier
from tests.online_services.services_fixtures import page_path, private_files, shared_service_fixtures, submission_data

pytestmark = pytest.mark.django_db
SIXTY_MB = 60 * 1024 * 1024


# The network, the GTVT procedure and its form, built once for this module (services_fixtures.py).
network, procedure, service_page = shared_service_fixtures()


@pytest.fixture(autouse=True)
def _own_private_folder(settings, tmp_path):
    """A private folder of the test's own: the other xdist worker stores dossier files meanwhile, so the
    shared folder's contents are no evidence of what this request stored (a CI run failed on exactly that)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


class ExplodingInput:
    """A wsgi.input that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body of an oversized request was read")

    readline = read


def post_claiming(client, path, length, content_type=MULTIPART_CONTENT):
    return client.generic(
        "POST", path, b"x", content_type=content_type, CONTENT_LENGTH=str(length), **{"wsgi.input": ExplodingInput()}
    )


def test_settings_explain_the_caps():
    assert django_settings.MIDDLEWARE[0] == "security.limits.RequestSizeLimitMiddleware"
    assert django_settings.MAX_REQUEST_BODY_SIZE == 52 * 1024 * 1024
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440


def test_a_60_mb_dossier_is_refused_unread_with_a_vietnamese_page(service_page, citizen):
    before = private_files()
    response = post_claiming(citizen, page_path(service_page), SIXTY_MB)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in html
    assert "52 MB" in html
    assert Dossier.objects.count() == 0
    assert private_files() == before


def test_the_413_page_is_in_english_under_en(service_page, citizen):
    response = post_claiming(citizen, "/en" + page_path(service_page), SIXTY_MB)
    assert response.status_code == 413
    assert "Request too large" in response.content.decode()


def test_a_large_form_without_files_is_refused_at_the_smaller_cap(citizen):
    response = post_claiming(citizen, "/tra-cuu-ho-so/", 3 * 1024 * 1024, "application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_a_dossier_within_the_cap_still_goes_through(service_page, citizen):
    body = encode_multipart(BOUNDARY, submission_data(service_page))
    assert len(body) < django_settings.MAX_REQUEST_BODY_SIZE
    assert citizen.post(page_path(service_page), submission_data(service_page)).status_code == 302
    assert Dossier.objects.count() == 1


def test_nginx_refusals_show_the_same_page_in_the_posted_language(client):
    """deploy/nginx/portal-site.conf: error_page 413 → GET /request-too-large/ with X-Original-URI."""
    vietnamese = client.get("/request-too-large/", HTTP_X_ORIGINAL_URI="/thu-tuc-hanh-chinh/x/nop-ho-so-truc-tuyen/")
    assert vietnamese.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in vietnamese.content.decode()
    english = client.get("/request-too-large/", HTTP_X_ORIGINAL_URI="/en/tra-cuu-ho-so/?a=1")
    assert english.status_code == 413
    assert "Request too large" in english.content.decode()
