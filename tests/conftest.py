"""Shared fixtures: locales, a small agency network built through the real provisioning code."""

import collections

import pytest

from django.contrib.auth import get_user_model

from wagtail.models import Collection, Locale, Page

from sites.models import Agency
from sites.provisioning import provision_agencies

from .shared_world import TRANSACTIONAL_FIXTURES, WORLD_SUFFIX, shared_world

# Fixture modules shared by several directories (instead of importing fixtures with ``noqa``).
pytest_plugins = [
    "tests.procedures.catalogue_fixtures",
    "tests.online_services.services_fixtures",
    "tests.news.news_fixtures",
]

AGENCIES = [
    {
        "slug": "ha-tinh",
        "name": "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "name_en": "Ha Tinh Provincial People's Committee",
        "site_name": "Cổng thông tin điện tử tỉnh Hà Tĩnh",
        "kind": "province",
        "parent": None,
        "hostname": "hatinh.localhost",
    },
    {
        "slug": "so-y-te",
        "name": "Sở Y tế",
        "name_en": "Department of Health",
        "kind": "department",
        "parent": "ha-tinh",
        "hostname": "soyte.hatinh.localhost",
    },
    {
        "slug": "so-gtvt",
        "name": "Sở Giao thông vận tải",
        "name_en": "Department of Transport",
        "kind": "department",
        "parent": "ha-tinh",
        "hostname": "sgtvt.hatinh.localhost",
    },
]


#: Modules that run for minutes in a test of their own: started first, so that with xdist the other
#: worker runs everything else meanwhile instead of waiting for them at the end. xdist's own order
#: (``--loadscope-reorder``: files with the most tests first) put ``tests/upgrade``, one test of ~5
#: minutes, last; the Makefile turns it off and the workers order the files here: these modules
#: first, then the files with the most tests, as xdist did.
FIRST_MODULES = ("tests/upgrade/",)


def pytest_collection_modifyitems(config, items):
    """Long modules first; a transactional test cannot run on a shared world (tests/shared_world.py)."""
    from pytest_django.fixtures import validate_django_db

    if hasattr(config, "workerinput"):  # an xdist worker: its order is the order files are handed out
        per_file = collections.Counter(item.nodeid.split("::", 1)[0] for item in items)
        # After pytest-django's own ordering (tryfirst); a stable sort keeps each file's tests in order.
        items.sort(
            key=lambda item: (not item.nodeid.startswith(FIRST_MODULES), -per_file[item.nodeid.split("::", 1)[0]])
        )
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        worlds = {name for name in names if name.endswith(WORLD_SUFFIX)}
        if not worlds:
            continue
        marker = item.get_closest_marker("django_db")
        if names & TRANSACTIONAL_FIXTURES or (marker and validate_django_db(marker)[0]):
            raise pytest.UsageError(
                f"{item.nodeid} is transactional and requests the shared world {sorted(worlds)}: "
                "give it fixtures that build per test (see tests/shared_world.py)"
            )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """pytest-django's hook before the test databases are created: copy them from a migrated template."""
    from .db_template import use_template

    use_template()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, with the sessions a test left open closed before they are dropped.

    A live server's thread or a subprocess a test started can still hold a connection when the session
    ends; PostgreSQL then refuses ``DROP DATABASE`` ("is being accessed by other users", a teardown
    warning seen in CI) and the database is left behind until the next ``--create-db``.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def ensure_tree_root():
    """Transactional tests flush what the data migrations wrote; put back what Wagtail needs."""
    for code in ("vi", "en"):
        Locale.objects.get_or_create(language_code=code)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="vi")))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    # Created by a wagtail-localize data migration, not by post_migrate: a flush removes it.
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    translation_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    Permission.objects.get_or_create(
        content_type=translation_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )


@pytest.fixture
def locales(db):
    ensure_tree_root()
    return Locale.objects.get(language_code="vi"), Locale.objects.get(language_code="en")


@pytest.fixture
def network(locales):
    """The portal plus two departments, provisioned the way production does it."""
    provision_agencies([dict(a) for a in AGENCIES])
    return {a.slug: a for a in Agency.objects.select_related("home_page", "site")}


def _build_network() -> list[str]:
    ensure_tree_root()
    provision_agencies([dict(a) for a in AGENCIES])
    return sorted(a["slug"] for a in AGENCIES)


@pytest.fixture(scope="module")
def network_world(django_db_setup, django_db_blocker):
    """The network built once for a module that opts in (tests/shared_world.py); yields the slugs."""
    yield from shared_world(django_db_blocker, _build_network)


@pytest.fixture
def shared_network(db, network_world):
    """The same network as ``network``, built once per module: a module opts in by overriding
    ``network`` with it. Each test runs in a savepoint on top and gets fresh objects."""
    return {a.slug: a for a in Agency.objects.select_related("home_page", "site")}


@pytest.fixture
def make_user(db):
    def make(username, *groups, superuser=False):
        user = get_user_model().objects.create_user(
            username=username, password="pw", is_superuser=superuser, is_staff=superuser
        )
        if groups:
            user.groups.add(*groups)
        return user

    return make


@pytest.fixture
def editor(network, make_user):
    return make_user("editor-yte", network["so-y-te"].editors_group)


@pytest.fixture
def moderator(network, make_user):
    return make_user("moderator-yte", network["so-y-te"].moderators_group)


@pytest.fixture
def admin_user(make_user):
    return make_user("portal-admin", superuser=True)


@pytest.fixture
def caches_on(settings):
    """The page cache and the fragment cache as in production (config/settings/test.py turns them off)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    from django.core.cache import cache

    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate limits, fragments and site lists do not leak."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a test that switched to English (or a request that did)
    must not change the language of the next test on the same xdist worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
