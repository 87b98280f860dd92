"""One world for the admin tests: the three agencies, a news article and a procedure, a user per role."""

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from sites.models import Agency
from tests.conftest import _build_network
from tests.shared_world import shared_world

ROLES = ("editors", "moderators", "officers")


def build_admin_world() -> dict:
    from tests.news.news_fixtures import news_index_for, publish_article
    from tests.procedures.catalogue_fixtures import make_procedures

    _build_network()
    users = get_user_model().objects
    names = {}
    for agency in Agency.objects.filter(slug__in=["so-y-te", "so-gtvt"]):
        for role in ROLES:
            username = f"{role}.{agency.slug}"
            user = users.create_user(username=username, password="pw", first_name="Nguyễn", last_name="An")
            user.groups.add(getattr(agency, f"{role}_group"))
            names[(agency.slug, role)] = username
        index = news_index_for(agency)
        publish_article(index, title=f"Tin hoạt động của {agency.name}")
        for page in make_procedures(agency, 1, start=1):
            # Bulk-made pages are live without a publication date; a published page has one.
            Page.objects.filter(pk=page.pk).update(last_published_at=timezone.now())
    users.create_user(username="quantri", password="pw", is_superuser=True, is_staff=True)
    return names


@pytest.fixture(scope="module")
def admin_world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker, build_admin_world)


@pytest.fixture
def network(db, admin_world):
    return {a.slug: a for a in Agency.objects.select_related("home_page", "site")}


@pytest.fixture
def login(client, admin_world):
    def as_(username):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return as_
