"""Fault tests: run only by ``make test-faults`` (PORTAL_FAULT_TESTS=1), on PostgreSQL.

They start real server processes, point them at unreachable Redis and
Elasticsearch, fill a real (tmpfs) disk, and restart the PostgreSQL cluster
— never part of the ordinary suite, which other runs share the cluster with.
"""

from __future__ import annotations

import os

import pytest

from django.conf import settings

from online_services.factories import make_procedure, make_service_page


def pytest_collection_modifyitems(config, items):
    enabled = os.environ.get("PORTAL_FAULT_TESTS") == "1"
    postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    for item in items:
        if "tests/faults/" not in str(item.fspath).replace(os.sep, "/"):
            continue
        item.add_marker(pytest.mark.faults)
        if not enabled:
            item.add_marker(pytest.mark.skip(reason="fault tests run with `make test-faults`"))
        elif not postgres:
            item.add_marker(pytest.mark.skip(reason="fault tests run on PostgreSQL"))


@pytest.fixture
def isolated_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return tmp_path


@pytest.fixture
def service_page(transactional_db, network, isolated_roots):
    """A published online form of Sở GTVT, committed so that a server process sees it."""
    return make_service_page(make_procedure(network["so-gtvt"]))
