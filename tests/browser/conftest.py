"""Playwright driving Debian's Chromium against a live server on a real database.

Every test here is marked ``browser``; the SQLite pass of ``make test`` skips
them (they run once, on PostgreSQL). Agency sites are reached on their own
host names: Chromium resolves ``*.localhost`` to the loopback address.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from django.conf import settings

from sites.models import Agency
from sites.provisioning import provision_agencies
from tests.conftest import AGENCIES, ensure_tree_root

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make there are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-results" / "browser"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-browser.sh")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context per test, phone-sized unless the test says otherwise."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def live_network(transactional_db, live_server, settings):
    """The portal and two departments, served by the live server on its own port."""
    port = int(live_server.url.rsplit(":", 1)[1])
    settings.SITE_PORT = port
    ensure_tree_root()
    provision_agencies([dict(a) for a in AGENCIES])
    agencies = {a.slug: a for a in Agency.objects.select_related("home_page", "site")}

    class Network:
        url = live_server.url
        by_slug = agencies

        @staticmethod
        def site_url(slug: str) -> str:
            return f"http://{agencies[slug].hostname}:{port}"

    return Network


@pytest.fixture
def axe_check():
    """Run axe-core (bundled with axe-playwright-python) and fail on serious or critical violations."""
    axe = Axe()

    def check(page, context: str = ""):
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        violations = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations
        )
        assert not violations, f"axe-core violations on {context or page.url}:\n{details}"
        return results

    return check
