"""What the caching tests share: fragments on with the page cache off, and one published procedure."""

import pytest

from procedures.models import ProcedurePage
from tests.procedures.catalogue_fixtures import make_procedures


@pytest.fixture
def fragments_on(caches_on):
    """Fragments as in production, the page cache off (tests/conftest.py's ``caches_on``): every request
    runs the view, so what is checked is the fragments, the route cache and the page shells."""
    caches_on.PAGE_CACHE_SECONDS = 0
    return caches_on


@pytest.fixture
def procedure(network):
    page = make_procedures(network["so-y-te"], 1)[0]
    page.save_revision().publish()
    return ProcedurePage.objects.get(pk=page.pk)
