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


@pytest.fixture
def desk_dossier(transactional_db, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are measured on PostgreSQL, the production engine")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    ensure_tree_root()
    provision_agencies([dict(a) for a in AGENCIES])
    from .desk_fixtures import new_dossier

    return new_dossier(make_service_page(make_procedure(Agency.objects.get(slug="so-gtvt"))))


def test_two_officers_moving_the_same_dossier_at_once_one_wins(desk_dossier):
    """Two threads, two transactions, the same version seen: one move is made, the other is refused clearly."""
    import threading

    from django.contrib.auth import get_user_model
    from django.db import connections

    from online_services import workflow
    from online_services.models import StaleDossier

    group = desk_dossier.agency.officers_group
    officers = []
    for name in ("motcua.a", "motcua.b"):
        user = get_user_model().objects.create_user(name, password="x")
        user.groups.add(group)
        officers.append(user)
    seen = desk_dossier.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def officer_moves(user, to_status):
        try:
            dossier = Dossier.objects.get(pk=desk_dossier.pk)
            barrier.wait(timeout=10)
            workflow.officer_move(dossier, to_status, user=user, comment=user.username, expected_version=seen)
            outcomes[user.username] = "moved"
        except StaleDossier as exc:
            outcomes[user.username] = exc.messages[0]
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes[user.username] = repr(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=officer_moves, args=(officers[0], Dossier.Status.PROCESSING)),
        threading.Thread(target=officer_moves, args=(officers[1], Dossier.Status.REJECTED)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(v == "moved" for v in outcomes.values()) == [False, True], outcomes
    loser = next(v for v in outcomes.values() if v != "moved")
    assert "vừa được cán bộ khác cập nhật" in loser
    dossier = Dossier.objects.get(pk=desk_dossier.pk)
    winner = next(k for k, v in outcomes.items() if v == "moved")
    assert dossier.version == seen + 1
    assert dossier.history.count() == 2 and dossier.history.last().comment == winner
    assert dossier.status == (Dossier.Status.PROCESSING if winner == "motcua.a" else Dossier.Status.REJECTED)
