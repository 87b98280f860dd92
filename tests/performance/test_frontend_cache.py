"""CDN / Varnish purge: configured from the environment, PURGE requests for the page's listings on publish."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from caching.frontend import frontend_cache_settings
from tests.performance.conftest import PORTAL, YTE


def test_no_variables_no_frontend_cache():
    assert frontend_cache_settings({}) == {}


def test_varnish_and_cloudflare_from_the_environment():
    backends = frontend_cache_settings(
        {
            "FRONTEND_CACHE_VARNISH_URL": "http://10.0.0.5:6081, http://10.0.0.6:6081",
            "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "token",
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone",
        }
    )
    assert backends["varnish"]["LOCATION"] == "http://10.0.0.5:6081"
    assert backends["varnish2"]["LOCATION"] == "http://10.0.0.6:6081"
    assert backends["cloudflare"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": "token",
        "ZONEID": "zone",
    }
    # A Cloudflare token without its zone configures nothing.
    assert frontend_cache_settings({"FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "token"}) == {}


@pytest.fixture
def varnish():
    """A stand-in for Varnish on 127.0.0.1 that records the PURGE requests it gets."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (HTTP method name)
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_listings_and_portal_from_varnish(settings, news, varnish, client):
    location, received = varnish
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings({"FRONTEND_CACHE_VARNISH_URL": location})
    settings.FRONTEND_CACHE_SECONDS = 300
    settings.PAGE_CACHE_SECONDS = 600
    article = news["article"]
    article.save_revision().publish()
    purged = set(received)
    assert (YTE, "/tin-tuc/") in purged  # the article's news index
    assert (YTE, "/") in purged  # the agency's home lists its latest news
    assert (PORTAL, "/") in purged  # the portal's network news
    assert (PORTAL, "/tin-tuc/") in purged  # the portal's news index

    # Pages the CDN may keep carry s-maxage; the browser revalidates.
    response = client.get("/tin-tuc/", HTTP_HOST=YTE)
    assert response["X-Page-Cache"] == "miss"
    assert "s-maxage=300" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_an_editor_working_in_english_still_purges_the_portal_in_both_languages(settings, news, varnish):
    """The purge follows the portal's pages, not the language the admin happens to be in."""
    from django.utils import translation

    location, received = varnish
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings({"FRONTEND_CACHE_VARNISH_URL": location})
    with translation.override("en"):
        news["article"].save_revision().publish()
    purged = set(received)
    assert (PORTAL, "/") in purged
    assert (PORTAL, "/tin-tuc/") in purged
    assert (PORTAL, "/en/") in purged
