"""The sample's agencies, provisioned once per test module; each test runs in a savepoint on top.

``sample_network`` (tests/procedures/catalogue_fixtures.py builds it per test elsewhere) is
built here once per module by ``sample_world`` and rolled back when the module ends
(tests/shared_world.py). What a test writes is rolled back after it.
"""

import pytest

from tests.conftest import ensure_tree_root
from tests.procedures.catalogue_fixtures import agencies_by_slug, provision_sample_agencies
from tests.shared_world import shared_world


def _build_sample_world() -> list[str]:
    ensure_tree_root()
    provision_sample_agencies()
    return sorted(agencies_by_slug())


@pytest.fixture(scope="module")
def sample_world(django_db_setup, django_db_blocker):
    """The slugs of the agencies provisioned for the module."""
    yield from shared_world(django_db_blocker, _build_sample_world)


@pytest.fixture
def sample_network(db, sample_world):
    """{slug: Agency} of the module's world, fresh for each test."""
    agencies = agencies_by_slug()
    assert sorted(agencies) == sample_world
    return agencies
