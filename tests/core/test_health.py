"""/healthz (database, cache, search) and each site's robots.txt naming its own sitemap."""

from __future__ import annotations

import json

import pytest

from django.test import Client

from core import health

pytestmark = pytest.mark.django_db


def test_healthz_is_green_with_every_check_named():
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["search"].startswith("ok")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_red_when_the_cache_keeps_nothing(monkeypatch):
    """django-redis with IGNORE_EXCEPTIONS reads a dead Redis as an empty cache: that is a failure."""
    monkeypatch.setattr(health.cache, "get", lambda *args, **kwargs: None)
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "fail"
    assert body["checks"]["cache"].startswith("fail")


def test_healthz_is_not_redirected_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 301


def test_production_exempts_healthz_from_the_https_redirect():
    from pathlib import Path

    source = Path(__file__).resolve().parents[2].joinpath("config/settings/production.py").read_text()
    assert 'SECURE_REDIRECT_EXEMPT = [r"^healthz$"]' in source


def test_robots_txt_names_each_sites_own_sitemap(network):
    for host in ("hatinh.localhost", "soyte.hatinh.localhost"):
        response = Client(HTTP_HOST=host).get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        text = response.content.decode()
        assert f"Sitemap: http://{host}/sitemap.xml" in text
        assert "Disallow: /admin/" in text
    secure = Client(HTTP_HOST="soyte.hatinh.localhost").get("/robots.txt", secure=True)
    assert "Sitemap: https://soyte.hatinh.localhost/sitemap.xml" in secure.content.decode()
