"""Redis down: pages still serve, uncached. Elasticsearch unreachable: search falls back to the database."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import redis

from bench.submissions import form_spec, run_submissions
from online_services.models import Dossier
from tests.online_services.services_fixtures import GTVT_HOST

from .server import Server

DEAD_REDIS = "redis://127.0.0.1:6390/0"  # nothing listens there
LIVE_REDIS_DB = 14
DEAD_ELASTICSEARCH = "http://127.0.0.1:9299"


def _pages(page) -> list[str]:
    return ["/", page.get_parent().get_url_parts()[2], page.get_url_parts()[2], "/tra-cuu-ho-so/"]


def test_redis_down_pages_still_serve_uncached(service_page):
    live = redis.Redis(host="127.0.0.1", port=6379, db=LIVE_REDIS_DB)
    live.flushdb()
    paths = _pages(service_page)

    # With Redis up, the app does use it.
    server = Server(env={"REDIS_URL": f"redis://127.0.0.1:6379/{LIVE_REDIS_DB}"})
    try:
        server.wait_ready("/", GTVT_HOST)
        up = {path: server.get(path, GTVT_HOST) for path in paths}
        assert all(status == 200 for status, _b, _t in up.values()), {p: s for p, (s, _b, _t) in up.items()}
        assert any(key.startswith(b"portal:") for key in live.keys("*")), "Redis is not used when it is up"
    finally:
        server.stop()
        live.flushdb()

    server = Server(env={"REDIS_URL": DEAD_REDIS})
    try:
        server.wait_ready("/", GTVT_HOST)
        for path in paths:
            status, body, seconds = server.get(path, GTVT_HOST)
            assert status == 200, (path, status, body[-500:])
            assert seconds < 5, (path, seconds)
            assert up[path][1].split("<main", 1)[-1][:200] == body.split("<main", 1)[-1][:200]
        # A citizen can still submit a dossier (the rate limiter's cache is down too).
        results = run_submissions(server.url, GTVT_HOST, paths[2], form_spec(service_page), 3)
        assert [r["status"] for r in results] == [302] * 3, results
        assert Dossier.objects.filter(receipt_code__in=[r["code"] for r in results]).count() == 3
    finally:
        server.stop()


def test_elasticsearch_unreachable_search_falls_back(service_page):
    server = Server(env={"ELASTICSEARCH_URL": DEAD_ELASTICSEARCH})
    try:
        server.wait_ready("/", GTVT_HOST)
        for query in ("giấy phép lái xe", "giay phep lai xe"):
            status, body, seconds = server.get(f"/search/?q={quote_plus(query)}", GTVT_HOST)
            assert status == 200, body[-1000:]
            text = re.sub(r"<[^>]+>", "", body)
            assert "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp" in text, query
            assert "kết quả được tìm trực tiếp trong cơ sở dữ liệu" in text
            assert seconds < 15
    finally:
        server.stop()
    assert "Elasticsearch unreachable" in server.log.read_text()
