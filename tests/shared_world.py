"""Worlds built once per test module, each test running in a savepoint on top of it.

The pattern of Django's ``TestCase.setUpTestData``: a module-scoped fixture opens an
outer transaction on every database, builds what is expensive (agencies provisioned
for real, the sample catalogue imported) and yields plain values. Each test then
requests ``db`` as usual: pytest-django's per-test atomic nests inside the outer
one as a savepoint, and rolling it back after the test puts the world back as it
was built. The module fixture rolls the whole world back when the module ends.

Rules for the fixtures built on a world:

* the function-scoped fixtures the tests use (``network``, ``sample_procedures``,
  ...) depend on ``db`` and on the world, and query FRESH objects for each test:
  model instances are never shared between tests;
* a transactional test (``transactional_db``, ``live_server``,
  ``django_db(transaction=True)``) cannot run inside the outer transaction: it
  would flush the world. ``tests/conftest.py`` refuses such a test at collection
  when it requests a world fixture (one whose name ends with ``_world``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.core.cache import cache
from django.db import connections, transaction

T = TypeVar("T")

# A world fixture's name ends with this; a transactional test may not request one (see tests/conftest.py).
WORLD_SUFFIX = "_world"
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def shared_world(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """For a module-scoped fixture: ``yield from shared_world(django_db_blocker, build)``.

    ``build`` runs inside the outer transaction, with database access; what it
    returns is what the fixture yields (plain ids and slugs, not model instances).
    """
    aliases = list(connections)
    atomics = {}
    with django_db_blocker.unblock():
        try:
            for alias in aliases:
                atomic = transaction.atomic(using=alias)
                atomic.__enter__()
                atomics[alias] = atomic
            value = build()
        except BaseException:
            _roll_back(atomics)
            raise
        finally:
            cache.clear()  # what the build cached (site root paths...) is not the tests' to find
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            _roll_back(atomics)
            cache.clear()


def _roll_back(atomics: dict) -> None:
    for alias, atomic in reversed(atomics.items()):
        transaction.set_rollback(True, using=alias)
        atomic.__exit__(None, None, None)


def extend_world(django_db_blocker, build: Callable[[], T]) -> T:
    """Add to a world already open (a module fixture that overrides a world and depends on it).

    What is written is rolled back with the world it extends.
    """
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():  # a savepoint: a failed build leaves the world as it was
                return build()
        finally:
            cache.clear()
