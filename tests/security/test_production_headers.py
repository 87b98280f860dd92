"""Under the production settings: HTTPS only, HSTS, secure cookies, CSP by path, no framing, no sniffing.

The requests run in a subprocess started with the production settings
(tests/security/production_probe.py) against this test's committed database.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys

import pytest

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from security.csp import source_hash

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="the probe process needs a database another process can open (PostgreSQL)",
    ),
]

PROBE = r"""
import json
import django
django.setup()
from django.test import Client

def row(r):
    cookies = {k: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
               for k, m in r.cookies.items()}
    body = r.content.decode() if not r.streaming else ""
    return {"status": r.status_code, "headers": dict(r.headers), "cookies": cookies, "body": body}

https = {"HTTP_X_FORWARDED_PROTO": "https"}
c = Client(HTTP_HOST="soyte.hatinh.localhost")
out = {
    "http": row(c.get("/thong-tin/?a=1")),
    "public": row(c.get("/", **https)),
    "admin_login": row(c.get("/admin/login/", **https)),
    "login": row(c.post("/admin/login/", {"username": "quan-tri", "password": PASSWORD}, **https)),
}
out["admin_home"] = row(c.get("/admin/", **https))
print("PROBE=" + json.dumps(out))
"""


@pytest.fixture
def probe(network, make_user):
    user = make_user("quan-tri", superuser=True)
    password = secrets.token_urlsafe(16)
    user.password = PBKDF2PasswordHasher().encode(password, secrets.token_hex(8))
    user.save(update_fields=["password"])
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}"
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.security.production_probe",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=".hatinh.localhost",
        DATABASE_URL=url,
        PYTHONPATH=str(settings.BASE_DIR),
    )
    env.pop("REDIS_URL", None)
    env.pop("ELASTICSEARCH_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE.replace("PASSWORD", repr(password))],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.split("PROBE=", 1)[1])


def directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def test_plain_http_is_redirected_to_https(probe):
    assert probe["http"]["status"] == 301
    assert probe["http"]["headers"]["Location"] == "https://soyte.hatinh.localhost/thong-tin/?a=1"


def test_public_page_headers(probe):
    page = probe["public"]
    assert page["status"] == 200
    headers = page["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"

    csp = directives(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    # No nonce (issue #18): the page may be kept in a shared cache and served to anyone.
    assert csp["script-src"] == ["'self'"]
    body = page["body"]
    styles = re.findall(r"<style([^>]*)>(.*?)</style>", body, re.S)
    assert [attrs for attrs, _css in styles] == [""], "one inline style, the accent, with no attribute"
    assert csp["style-src"] == ["'self'", source_hash(styles[0][1])]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    flat = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in flat and "unsafe-eval" not in flat and "*" not in flat and "nonce" not in flat
    assert "nonce=" not in body

    # No inline script runs: only data blocks (JSON-LD), which the policy does not govern.
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body)
    assert all('type="application/ld+json"' in attrs for attrs in inline_scripts)
    assert not re.search(r"\son[a-z]+=", body), "inline event handlers are blocked by the policy"


def test_admin_gets_the_relaxed_policy_and_secure_cookies(probe):
    login_page = probe["admin_login"]
    assert login_page["status"] == 200
    csp = directives(login_page["headers"]["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert not any("nonce" in v for values in csp.values() for v in values)
    assert login_page["cookies"]["csrftoken"] == {"secure": True, "httponly": False, "samesite": "Lax"}

    login = probe["login"]
    assert login["status"] == 302
    assert login["cookies"]["sessionid"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert probe["admin_home"]["status"] == 200
    assert "Content-Security-Policy" in probe["admin_home"]["headers"]
