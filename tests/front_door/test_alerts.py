"""Alert banners: on every page of the sites they cover, on time through the page cache, at no query on a hit."""

from __future__ import annotations

import datetime
import time

import pytest

from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.utils import timezone

from alerts import schedule
from alerts.models import Alert
from tests.front_door.conftest import GTVT, PORTAL, YTE


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


def make_alert(**kwargs) -> Alert:
    now = timezone.now()
    values = {
        "title": "Bão số 3 đổ bộ",
        "message": "Người dân không ra khỏi nhà từ 18 giờ.",
        "level": Alert.Level.EMERGENCY,
        "starts_at": now - datetime.timedelta(minutes=1),
        "ends_at": now + datetime.timedelta(hours=6),
    }
    values.update(kwargs)
    return Alert.objects.create(**values)


def html(client, host, path="/") -> tuple:
    response = client.get(path, HTTP_HOST=host)
    return response, response.content.decode()


def test_a_network_alert_shows_on_every_site_and_an_agency_alert_on_its_own(client, network):
    make_alert()
    make_alert(title="Sở Y tế nghỉ lễ", level=Alert.Level.INFO, agency=network["so-y-te"])
    for host in (PORTAL, YTE, GTVT):
        assert "Bão số 3 đổ bộ" in html(client, host)[1], host
    assert "Sở Y tế nghỉ lễ" in html(client, YTE)[1]
    assert "Sở Y tế nghỉ lễ" not in html(client, GTVT)[1]


def test_emergency_has_no_dismiss_button_and_others_do(client, network):
    make_alert()
    make_alert(title="Lịch tiếp công dân", level=Alert.Level.WARNING)
    page = html(client, PORTAL)[1]
    emergency = page[page.index('class="alert-banner alert-emergency"') :].split("</section>")[0]
    warning = page[page.index('class="alert-banner alert-warning"') :].split("</section>")[0]
    assert 'role="alert"' in emergency and "data-alert-dismiss" not in emergency
    assert "data-alert-dismiss" in warning and "data-dismissible" in warning
    assert "alerts/alerts.js" in page and "<script>" not in page  # no inline script (CSP)


def test_an_alert_published_now_shows_at_once_on_a_cached_page(client, network, page_cache):
    html(client, PORTAL)
    response, page = html(client, PORTAL)
    assert response["X-Page-Cache"] == "hit" and "Bão số 3" not in page
    make_alert()
    response, page = html(client, PORTAL)
    assert response["X-Page-Cache"] == "miss" and "Bão số 3 đổ bộ" in page


def test_an_alert_expires_on_time_through_the_page_cache_within_a_minute(client, network, page_cache):
    make_alert(ends_at=timezone.now() + datetime.timedelta(seconds=2))
    assert "Bão số 3 đổ bộ" in html(client, YTE)[1]
    response, page = html(client, YTE)
    assert response["X-Page-Cache"] == "hit" and "Bão số 3 đổ bộ" in page
    time.sleep(2.2)
    response, page = html(client, YTE)
    assert "Bão số 3 đổ bộ" not in page
    assert response["X-Page-Cache"] == "miss"


def test_a_scheduled_alert_starts_on_time_through_the_page_cache(client, network, page_cache):
    make_alert(starts_at=timezone.now() + datetime.timedelta(seconds=2))
    html(client, YTE)
    response, page = html(client, YTE)
    assert response["X-Page-Cache"] == "hit" and "Bão số 3" not in page
    time.sleep(2.2)
    assert "Bão số 3 đổ bộ" in html(client, YTE)[1]


def test_a_page_cache_hit_with_alerts_costs_no_query(client, network, page_cache, django_assert_num_queries):
    make_alert()
    html(client, YTE)
    with django_assert_num_queries(0):
        response, page = html(client, YTE)
    assert response["X-Page-Cache"] == "hit" and "Bão số 3 đổ bộ" in page


def test_a_cached_page_is_kept_no_longer_than_the_next_alert_boundary(network):
    make_alert(ends_at=timezone.now() + datetime.timedelta(seconds=30))
    token, valid_for = schedule.page_cache_variant()
    assert token.startswith("alerts.") and 0 < valid_for <= 30


def test_an_agency_editor_posts_only_for_their_agency_and_never_network_wide(client, editor, network, admin_user):
    from alerts.wagtail_hooks import AlertViewSet

    AlertForm = AlertViewSet.edit_handler.bind_to_model(Alert).get_form_class()
    form = AlertForm(
        data={
            "agency": "",
            "level": "info",
            "title": "T",
            "message": "M",
            "starts_at": "2026-01-01 08:00",
            "ends_at": "2026-01-02 08:00",
        },
        for_user=editor,
    )
    assert not form.is_valid() and "agency" in form.errors
    assert list(form.fields["agency"].queryset) == [network["so-y-te"]]
    admin_form = AlertForm(
        data={
            "level": "info",
            "title": "T",
            "message": "M",
            "starts_at": "2026-01-01 08:00",
            "ends_at": "2026-01-02 08:00",
        },
        for_user=admin_user,
    )
    assert admin_form.is_valid(), admin_form.errors


def test_admin_listing_of_alerts_is_scoped_per_agency(client, editor, network):
    own = make_alert(title="Của Sở Y tế", agency=network["so-y-te"])
    other = make_alert(title="Của Sở GTVT", agency=network["so-gtvt"])
    client.force_login(editor)
    listing = client.get("/admin/snippets/alerts/alert/").content.decode()
    assert "Của Sở Y tế" in listing and "Của Sở GTVT" not in listing
    assert client.get(f"/admin/snippets/alerts/alert/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/alerts/alert/edit/{other.pk}/").status_code == 404
    editor.user_permissions.add(Permission.objects.get(codename="publish_network_alert"))
