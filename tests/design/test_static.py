"""Static files in production: hashed names, gzip, far-future caching, a small bundle, nothing third-party."""

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.templatetags.static import static
from django.test import Client, override_settings

BASE_DIR = Path(settings.BASE_DIR)
ONE_YEAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """``collectstatic`` exactly as production runs it, into a throw-away STATIC_ROOT."""
    root = tmp_path_factory.mktemp("static_collected")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "collectstatic-test",
        "ALLOWED_HOSTS": "localhost",
        "STATIC_ROOT": str(root),
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root


def production_static(root):
    return override_settings(
        DEBUG=False,
        STATIC_ROOT=str(root),
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    )


def test_collectstatic_writes_hashed_and_compressed_bundle(collected):
    paths = json.loads((collected / "staticfiles.json").read_text())["paths"]
    for name in ("css/portal.css", "js/portal.js"):
        hashed = paths[name]
        assert re.fullmatch(rf"{name.rsplit('.', 1)[0]}\.[0-9a-f]{{12}}\.{name.rsplit('.', 1)[1]}", hashed)
        assert (collected / hashed).exists()
        compressed = collected / f"{hashed}.gz"
        assert gzip.decompress(compressed.read_bytes()) == (collected / hashed).read_bytes()


def test_hashed_files_are_served_by_whitenoise_with_far_future_cache_headers(collected):
    with production_static(collected):
        url = static("css/portal.css")
        assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url)
        response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        cache_control = response.headers["Cache-Control"]
        assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= ONE_YEAR
        assert "immutable" in cache_control
        assert response.headers["Content-Encoding"] == "gzip"
        # The unhashed name stays reachable but is never cached for long.
        plain = Client().get("/static/css/portal.css")
        assert int(re.search(r"max-age=(\d+)", plain.headers["Cache-Control"]).group(1)) <= 3600


@pytest.mark.django_db
def test_pages_reference_the_hashed_bundle(collected, network):
    with production_static(collected):
        html = Client().get("/", HTTP_HOST="soyte.hatinh.localhost").content.decode()
    assert re.search(r'<link rel="stylesheet" href="/static/css/portal\.[0-9a-f]{12}\.css">', html)
    assert re.search(r'<script src="/static/js/portal\.[0-9a-f]{12}\.js" defer></script>', html)


def test_bundle_stays_small():
    """One stylesheet and one script for the whole network (gzip sizes, as whitenoise serves them)."""
    css = (BASE_DIR / "static/css/portal.css").read_bytes()
    js = (BASE_DIR / "static/js/portal.js").read_bytes()
    assert len(gzip.compress(css)) <= 8 * 1024, len(gzip.compress(css))
    assert len(gzip.compress(js)) <= 3 * 1024, len(gzip.compress(js))


THIRD_PARTY_RESOURCE = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href|srcset)=\"(?:https?:)?//", re.I
)


def test_nothing_is_loaded_from_a_third_party_host():
    """Fonts, scripts and styles come from our own static files; links to other sites are fine."""
    offenders = []
    for path in [*BASE_DIR.glob("templates/**/*.html"), *BASE_DIR.glob("*/templates/**/*.html")]:
        if ".venv" in path.parts:
            continue
        if THIRD_PARTY_RESOURCE.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(BASE_DIR)))
    for path in [*BASE_DIR.glob("static/**/*.css"), *BASE_DIR.glob("*/static/**/*.css")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", text):
            offenders.append(str(path.relative_to(BASE_DIR)))
    for path in [*BASE_DIR.glob("static/**/*.js"), *BASE_DIR.glob("*/static/**/*.js")]:
        if re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(BASE_DIR)))
    assert not offenders
