"""A published online form of Sở GTVT, committed so that a server process sees it."""

from __future__ import annotations

import pytest

from online_services.factories import make_procedure, make_service_page

GTVT_HOST = "sgtvt.hatinh.localhost"


@pytest.fixture
def isolated_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return tmp_path


@pytest.fixture
def service_page(transactional_db, network, isolated_roots):
    return make_service_page(make_procedure(network["so-gtvt"]))
