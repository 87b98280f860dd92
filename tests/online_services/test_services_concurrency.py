"""Concurrent submissions against a live server: every dossier whole, every receipt code distinct.

The smaller sibling of bench/submissions.py (200 submissions against gunicorn and PostgreSQL).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from django.core.cache import cache
from django.db import connection

from bench.submissions import form_spec, run_submissions
from online_services.factories import make_procedure, make_service_page
from online_services.models import Dossier, DossierFile
from sites.models import Agency
from sites.provisioning import provision_agencies
from tests.conftest import AGENCIES, ensure_tree_root

COUNT = 20


@pytest.fixture
def live_form(transactional_db, live_server, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writes are measured on PostgreSQL, the production engine")
    settings.SITE_PORT = int(live_server.url.rsplit(":", 1)[1])
    settings.ONLINE_SERVICE_SUBMIT_RATE = (10_000, 3600)
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    ensure_tree_root()
    provision_agencies([dict(a) for a in AGENCIES])
    page = make_service_page(make_procedure(Agency.objects.get(slug="so-gtvt")))
    cache.clear()
    yield page
    cache.clear()  # leave no spent rate-limit allowance for later tests from 127.0.0.1


def test_concurrent_submissions_each_become_one_whole_dossier(live_server, live_form):
    spec = form_spec(live_form)
    results = run_submissions(live_server.url, "sgtvt.hatinh.localhost", live_form.get_url_parts()[2], spec, COUNT)
    assert [r["status"] for r in results] == [302] * COUNT, [r.get("error") for r in results]
    codes = {r["code"] for r in results}
    assert len(codes) == COUNT
    assert set(Dossier.objects.values_list("receipt_code", flat=True)) == codes
    assert Dossier.objects.count() == COUNT
    for dossier in Dossier.objects.prefetch_related("files"):
        files = list(dossier.files.all())
        assert len(files) == len(spec["files"])
        assert all(Path(f.file.path).is_file() for f in files)
    assert DossierFile.objects.count() == COUNT * len(spec["files"])
