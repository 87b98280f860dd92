"""The user's admin answers kept across requests (core/admin_cache.py) are Wagtail's, and never outlive a change.

- a warm request draws the same sidebar as a cold one, with fewer queries;
- an administrator's change (a permission granted to the user's group, the user
  taken out of the agency's group, the user renamed) shows on the user's very
  next request, without waiting for the entries to expire;
- a change made during a request leaves the bundle written after it stale;
- ``{% icon %}`` from the memo is Wagtail's inclusion template's output.
"""

import json
import re

import pytest

from django.contrib.auth.models import Permission
from django.db import connection
from django.template import Context, Library, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.admin.templatetags import wagtailadmin_tags

from core import admin_cache


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)


def sidebar(response) -> str:
    """The sidebar's props, as text with its non-ASCII letters unescaped."""
    found = SIDEBAR.search(response.content.decode())
    assert found, "the admin page has its sidebar"
    return json.dumps(json.loads(found.group(1)), ensure_ascii=False)


def get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(ctx.captured_queries)


def test_warm_requests_draw_wagtails_sidebar_with_fewer_queries(client, network, editor):
    client.force_login(editor)
    home = network["so-y-te"].home_page
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore", args=[home.pk])):
        admin_cache.bump()
        cold, cold_queries = get(client, url)
        warm, warm_queries = get(client, url)
        assert sidebar(warm) == sidebar(cold), url
        assert f"/admin/pages/{home.pk}/" in sidebar(cold) or str(home.pk) in sidebar(cold)
        assert warm_queries < cold_queries, (url, cold_queries, warm_queries)


def test_a_permission_granted_to_the_group_shows_on_the_next_request(client, network, editor):
    client.force_login(editor)
    users_url = reverse("wagtailusers_users:index")
    get(client, reverse("wagtailadmin_home"))
    response, _ = get(client, reverse("wagtailadmin_home"))  # warm
    assert users_url not in sidebar(response)
    assert client.get(users_url).status_code == 302  # no permission: back to the dashboard

    group = network["so-y-te"].editors_group
    group.permissions.add(Permission.objects.get(codename="change_user", content_type__app_label="auth"))
    response, _ = get(client, reverse("wagtailadmin_home"))
    assert users_url in sidebar(response)
    assert client.get(users_url).status_code == 200

    group.permissions.remove(Permission.objects.get(codename="change_user", content_type__app_label="auth"))
    response, _ = get(client, reverse("wagtailadmin_home"))
    assert users_url not in sidebar(response)
    assert client.get(users_url).status_code == 302


def test_a_user_taken_out_of_the_agency_loses_its_pages_on_the_next_request(client, network, editor):
    client.force_login(editor)
    home = network["so-y-te"].home_page
    explorer = reverse("wagtailadmin_explore", args=[home.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[home.pk])
    get(client, explorer)
    get(client, edit)  # the bundle is warm
    assert client.get(edit).status_code == 200

    editor.groups.remove(network["so-y-te"].editors_group)
    assert client.get(edit).status_code in (302, 403)
    assert str(home.title) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_renamed_user_sees_the_new_name_on_the_next_request(client, network, editor):
    client.force_login(editor)
    get(client, reverse("wagtailadmin_home"))
    editor.first_name = "Ngọc Ánh"
    editor.save()
    response, _ = get(client, reverse("wagtailadmin_home"))
    assert "Ngọc Ánh" in sidebar(response)


def test_a_login_does_not_empty_every_bundle(client, network, editor, make_user):
    client.force_login(editor)
    get(client, reverse("wagtailadmin_home"))
    other = make_user("editor-2", network["so-y-te"].editors_group)
    generation = admin_cache.cache.get(admin_cache.GENERATION_KEY)  # creating a user bumps it
    other.last_login = other.date_joined
    other.save(update_fields=["last_login"])
    assert admin_cache.cache.get(admin_cache.GENERATION_KEY) == generation


def test_a_change_during_the_request_leaves_its_bundle_stale(client, network, editor):
    """The bundle is written with the generation read before the view ran."""
    client.force_login(editor)
    admin_cache.bump()
    key = admin_cache.USER_KEY.format(pk=editor.pk)
    before = admin_cache.cache.get(admin_cache.GENERATION_KEY)

    def change_during(request):
        admin_cache.bump()
        from django.http import HttpResponse

        request.user.has_perm("wagtailadmin.access_admin")
        return HttpResponse("ok")

    from django.test import RequestFactory

    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = editor
    admin_cache.AdminUserCacheMiddleware(change_during)(request)
    bundle = admin_cache.cache.get(key)
    assert bundle["gen"] == before
    assert admin_cache.cache.get(admin_cache.GENERATION_KEY) != before


@pytest.mark.parametrize(
    "arguments",
    [
        'name="cogs"',
        'name="cogs" classname="icon--red"',
        'name="warning" title="Cảnh báo & chú ý"',
        'name="help" wrapped=True title="Trợ giúp"',
        'name="lock" classname="messages-icon" wrapped=1',
    ],
)
def test_the_icon_memo_draws_wagtails_icon(arguments, monkeypatch):
    """The same tag, parsed once with the memo and once with Wagtail's inclusion tag (its function is unchanged)."""
    source = "{% load wagtailadmin_tags %}{% icon " + arguments + " %}"
    context = {"title": "Khóa <b>"}
    ours = Template(source).render(Context(context))
    wagtails = Library()
    wagtails.inclusion_tag("wagtailadmin/shared/icon.html", takes_context=False)(wagtailadmin_tags.icon)
    monkeypatch.setitem(wagtailadmin_tags.register.tags, "icon", wagtails.tags["icon"])
    assert ours == Template(source).render(Context(context))
    assert ours.count("<svg") == 1


def test_a_superuser_warm_sees_what_it_saw_cold(client, network, admin_user):
    client.force_login(admin_user)
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailusers_users:index"),
    ):
        admin_cache.bump()
        cold, cold_queries = get(client, url)
        warm, warm_queries = get(client, url)
        assert sidebar(warm) == sidebar(cold), url
        assert warm_queries <= cold_queries, url
