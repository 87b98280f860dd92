"""Every page type has a factory (in its app's ``factories.py``), and a page built by it renders on its site."""

from __future__ import annotations

import importlib

import factory
import pytest

from django.apps import apps
from django.conf import settings
from django.test import Client

from wagtail.models import Page, Site, get_page_models

#: The department every page is built under (tests/conftest.py's ``network``).
AGENCY = "so-y-te"


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def project_apps():
    base = str(settings.BASE_DIR)
    return [config for config in apps.get_app_configs() if config.path.startswith(base)]


def page_factories() -> dict[type[Page], type[factory.django.DjangoModelFactory]]:
    """{page model: its factory}, found in every project app's ``factories`` module."""
    found = {}
    for config in project_apps():
        name = f"{config.name}.factories"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, factory.django.DjangoModelFactory)):
                continue
            if obj._meta.abstract or obj.__module__ != name:
                continue
            model = obj._meta.get_model_class()
            if issubclass(model, Page) and model is not Page:
                found.setdefault(model, obj)
    return found


def page_types() -> list[type[Page]]:
    """Every page type that can stand in the tree (the root ``wagtailcore.Page`` excluded)."""
    return [model for model in get_page_models() if model is not Page and not model._meta.abstract]


def label(model) -> str:
    return model._meta.label


def test_every_page_type_has_a_factory():
    factories = page_factories()
    missing = sorted(label(model) for model in page_types() if model not in factories)
    assert not missing, f"page types without a factory in their app's factories.py: {', '.join(missing)}"


def build(model, home: Page, factories, **fields) -> Page:
    """A page of ``model`` under an allowed parent: an existing one of the agency's site, else one built first."""
    parents = [m for m in model.allowed_parent_page_models() if m is not Page]
    if not parents:  # a home page: under the tree root
        return factories[model](**fields)
    for parent_model in parents:
        existing = parent_model.objects.descendant_of(home, inclusive=True).live().first()
        if existing is not None:
            return factories[model](parent=existing, **fields)
    return factories[model](parent=build(parents[0], home, factories), **fields)


@pytest.mark.django_db
@pytest.mark.parametrize("model", page_types(), ids=label)
def test_page_type_has_a_factory_and_renders(model, network):
    factories = page_factories()
    if model not in factories:
        pytest.fail(f"{label(model)} has no factory in {model._meta.app_label}/factories.py")
    # A slug of its own: provisioning already made the agency's news and procedure catalogues.
    page = build(model, network[AGENCY].home_page, factories, slug=f"kiem-tra-{model._meta.model_name}")

    page.refresh_from_db()
    assert type(page) is model
    assert page.live and page.live_revision_id is not None
    site = page.get_site()
    if site is None:  # a home page of its own: give it a site, as provisioning would
        site = Site.objects.create(hostname=f"{page.slug}.localhost", port=80, root_page=page, site_name=page.title)
        Site.clear_site_root_paths_cache()
    path = "/" if site.root_page_id == page.pk else page.get_url_parts()[2]
    response = Client(HTTP_HOST=site.hostname).get(path)
    assert response.status_code == 200, f"{label(model)} at {page.url_path}: {response.status_code}"
