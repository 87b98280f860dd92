"""Search fixtures: the sample procedures of demo/data, imported under their agencies.

The network and the sample are built once per test module (``search_world``); each
test runs in a savepoint on top of them, rolled back after it (tests/shared_world.py).
"""

import json
from io import StringIO
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command

from wagtail.models import Locale

from procedures.models import ProcedureField, ProcedureIndexPage, ProcedurePage
from sites.models import Agency
from sites.provisioning import provision_agencies
from tests.conftest import AGENCIES, ensure_tree_root
from tests.shared_world import shared_world

DATA = Path(settings.BASE_DIR) / "demo" / "data"


def _stream(items):
    return [("item", text) for text in items]


def _index_page(agency: Agency) -> ProcedureIndexPage:
    home = agency.home_page.specific
    existing = ProcedureIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh", locale=home.locale, live=True)
    home.add_child(instance=index)
    return index


def build_procedure(agency: Agency, record: dict, *, live: bool = True) -> ProcedurePage:
    """One ProcedurePage from a record of the interchange format, added through Wagtail's tree API."""
    vi = Locale.objects.get(language_code="vi")
    field, _ = ProcedureField.objects.get_or_create(name=record["field"], locale=vi)
    page = ProcedurePage(
        title=record["name"],
        slug=record["code"].lower(),
        locale=vi,
        code=record["code"],
        field=field,
        level=record["level"],
        in_person="in_person" in record["methods"],
        postal="postal" in record["methods"],
        online="online" in record["methods"],
        processing_time=record["processing_time"],
        fees=record["fees"],
        subjects=_stream(record.get("subjects", [])),
        steps=_stream(record["steps"]),
        conditions=record.get("conditions", ""),
        legal_basis=_stream(record.get("legal_basis", [])),
        result=record["result"],
        live=live,
    )
    # Saved live directly (no revision): Wagtail's post_save handler indexes it like a publish does.
    _index_page(agency).add_child(instance=page)
    return page


def sample_records() -> list[dict]:
    return json.loads((DATA / "procedures-sample.json").read_text(encoding="utf-8"))


def import_sample(existing: set[str]) -> set[str]:
    """demo/data/procedures-sample.json loaded with ``manage.py import_procedures``; returns the codes.

    The agencies the sample names that are not in ``existing`` are provisioned first
    (from demo/data/agencies.json).
    """
    records = sample_records()
    registry = {a["slug"]: a for a in json.loads((DATA / "agencies.json").read_text(encoding="utf-8"))}
    wanted: list[str] = []

    def need(slug):
        if slug in wanted or slug in existing or slug not in registry:
            return
        if registry[slug].get("parent"):
            need(registry[slug]["parent"])
        wanted.append(slug)

    for record in records:
        need(record["agency"])
    if wanted:
        provision_agencies([dict(registry[slug]) for slug in wanted])
    call_command("import_procedures", str(DATA / "procedures-sample.json"), "--no-progress", stdout=StringIO())
    return {record["code"] for record in records}


def _build_search_world() -> set[str]:
    ensure_tree_root()
    provision_agencies([dict(a) for a in AGENCIES])
    return import_sample({a["slug"] for a in AGENCIES})


@pytest.fixture(scope="module")
def search_world(django_db_setup, django_db_blocker):
    """The network of tests/conftest.py and the sample procedures, built once per module (tests/shared_world.py).

    Yields the sample's codes. Each test runs in a savepoint on top and sees the world as built.
    """
    yield from shared_world(django_db_blocker, _build_search_world)


@pytest.fixture
def network(db, search_world):
    """The agencies of the module's world, fresh for each test (the sample's agencies included)."""
    return {a.slug: a for a in Agency.objects.select_related("home_page", "site")}


@pytest.fixture
def sample_procedures(network, search_world):
    """The sample procedures, imported under their agencies; returns {code: Vietnamese page}, fresh for each test."""
    vi = Locale.objects.get(language_code="vi")
    pages = {page.code: page for page in ProcedurePage.objects.filter(locale=vi)}
    assert set(pages) == search_world
    return pages


# The network of bench/seed.py at a small size (tests/search/test_ranking_plans.py, test_sqlite_window.py).


def load_bench_seeder():
    """bench/seed.py as a module (bench/ is not a package on the path of the tests)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_seed", settings.BASE_DIR / "bench" / "seed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _seed():
    from django.db import connection

    ensure_tree_root()
    load_bench_seeder().seed(agencies=4, procedures=80, news=700, out=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_search_searchdocument")


@pytest.fixture(scope="module")
def seeded_world(django_db_setup, django_db_blocker):
    """The seeded network, built once for the module; each test runs in a savepoint on top (tests/shared_world.py)."""
    yield from shared_world(django_db_blocker, _seed)


@pytest.fixture
def seeded_network(db, seeded_world):
    return Locale.objects.get(language_code="vi")
