"""The admin's second-pass shortcuts (issue #18 item 5) give Wagtail's and wagtail-localize's own answers.

- the explorer's wagtail-localize buttons, from the listing query's annotations
  (core.localize_buttons), are the buttons wagtail-localize's own function gives;
- ``Page.get_workflow`` in one query (sites.admin_scope.nearest_workflow) finds
  the workflow Wagtail's four queries find;
- the user's subtree roots and home pages read from Wagtail's per-request
  permission cache are those of the user's groups.
"""

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.admin.views.pages.listing import IndexView
from wagtail.models import Page, Workflow, WorkflowPage

from core import localize_buttons
from core.translation import translate
from home.models import StandardPage
from sites.admin_scope import _WAGTAIL, user_home_pages, user_page_roots_q


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def buttons(generator):
    return sorted((str(button.label), button.url) for button in generator)


def test_explorer_localize_buttons_match_wagtail_localize(network, editor, locales):
    home = network["so-y-te"].home_page
    source = StandardPage(title="Giới thiệu chung", slug="gioi-thieu-chung")
    home.add_child(instance=source)
    source.save_revision().publish()
    translate(source, locales[1], {"Giới thiệu chung": "About us"})
    untranslated = StandardPage(title="Thông báo", slug="thong-bao")
    home.add_child(instance=untranslated)
    untranslated.save_revision().publish()

    view = IndexView()
    view.setup(RequestFactory().get("/"), parent_page_id=home.pk)
    view.request.user = editor
    rows = list(view.annotate_queryset(Page.objects.child_of(home)))
    assert {row.pk for row in rows} >= {source.pk, untranslated.pk}
    seen = set()
    for row in rows:
        assert hasattr(row, localize_buttons.SOURCE_ANNOTATION)
        ours = buttons(localize_buttons.listing_more_buttons(row, editor, next_url="/back/"))
        plain = Page.objects.get(pk=row.pk).specific
        theirs = buttons(localize_buttons._ORIGINAL["page_listing_more_buttons"](plain, editor, next_url="/back/"))
        assert ours == theirs, row.title
        seen.update(label for label, _url in ours)
    assert len(seen) == 2, "both buttons were compared: “Translate this page” and “Sync translated pages”"

    # A page of its own (the explorer's and the edit view's header): annotated alone, in one query.
    for page in (source, untranslated, home):
        plain = Page.objects.get(pk=page.pk).specific
        theirs = buttons(localize_buttons._ORIGINAL["page_listing_more_buttons"](plain, editor, next_url="/back/"))
        alone = Page.objects.get(pk=page.pk).specific
        editor.has_perm("wagtail_localize.submit_translation")  # the user's permissions, asked before
        with CaptureQueriesContext(connection) as ctx:
            ours = buttons(localize_buttons.listing_more_buttons(alone, editor, next_url="/back/"))
            again = buttons(localize_buttons.listing_more_buttons(alone, editor, next_url="/back/"))
        assert ours == again == theirs, page.title
        assert len(ctx.captured_queries) == 1


def test_get_workflow_in_one_query_finds_wagtails_workflow(network, django_assert_num_queries):
    home = network["so-y-te"].home_page
    page = StandardPage(title="Lịch tiếp công dân", slug="lich-tiep-cong-dan")
    home.add_child(instance=page)
    deeper = StandardPage(title="Tháng 3", slug="thang-3")
    page.add_child(instance=deeper)

    def wagtails(p):
        return _WAGTAIL["get_workflow"](Page.objects.get(pk=p.pk))

    agency_workflow = wagtails(deeper)
    assert agency_workflow is not None
    fresh = Page.objects.get(pk=deeper.pk)
    with django_assert_num_queries(1):
        assert fresh.get_workflow() == agency_workflow

    # A nearer workflow wins; an inactive one is skipped, as in Wagtail.
    nearer = Workflow.objects.create(name="Duyệt lịch", active=True)
    WorkflowPage.objects.create(page=page, workflow=nearer)
    assert Page.objects.get(pk=deeper.pk).get_workflow() == wagtails(deeper) == nearer
    nearer.active = False
    nearer.save()
    assert Page.objects.get(pk=deeper.pk).get_workflow() == wagtails(deeper) == agency_workflow
    root = Page.get_first_root_node()
    assert root.get_workflow() == _WAGTAIL["get_workflow"](root)


def test_subtree_roots_and_homes_from_the_permission_cache(network, editor):
    health = network["so-y-te"]
    homes = user_home_pages(editor)
    assert {home.translation_key for home in homes} == {health.home_page.translation_key}
    assert {home.locale.language_code for home in homes} == {"vi", "en"}
    visible = Page.objects.filter(user_page_roots_q(editor))
    assert visible.filter(pk=health.home_page.pk).exists()
    assert not visible.filter(pk=network["so-gtvt"].home_page.pk).exists()


def test_frame_logo_from_the_joined_site_settings(client, network, editor):
    from django.core.files.images import ImageFile

    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from core.models import SiteSettings

    health = network["so-y-te"]
    logo = Image.objects.create(
        title="logo-so-y-te", file=ImageFile(get_test_image_file().file, name="logo.png"), collection=health.collection
    )
    SiteSettings.objects.filter(site=health.site).update(logo=logo)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert logo.get_rendition("max-160x160").url in response.content.decode()


def test_explorer_lists_and_searches_without_the_parent_column(client, network, editor):
    health = network["so-y-te"]
    client.force_login(editor)
    listing = client.get(f"/admin/pages/{health.home_page.pk}/")
    assert listing.status_code == 200
    searched = client.get(f"/admin/pages/{health.home_page.pk}/", {"q": "tin", "search_all": "1"})
    assert searched.status_code == 200


def test_page_urls_are_wagtails(network, rf):
    """``Page.get_url`` and ``_get_relevant_site_root_paths`` (sites.admin_scope: an index of the site-root list,
    the network's site count kept with it) answer as Wagtail's own, with and without a request."""
    from wagtail.models import Site

    pages = list(Page.objects.filter(depth__gte=2).order_by("path"))
    assert len(pages) > 10
    for host in [site.hostname for site in Site.objects.all()] + ["unknown.example"]:
        request = rf.get("/", HTTP_HOST=host)
        theirs_request = rf.get("/", HTTP_HOST=host)
        for page in pages:
            assert page._get_relevant_site_root_paths(request) == _WAGTAIL["_get_relevant_site_root_paths"](
                page, theirs_request
            ), page.url_path
            assert page.get_url(request) == _WAGTAIL["get_url"](page, theirs_request), (host, page.url_path)
            assert page.url == _WAGTAIL["get_url"](Page.objects.get(pk=page.pk))


def test_site_root_paths_follow_a_renamed_site(network):
    """Each process keeps its copy of the site-root list; Wagtail's own clearing (a Site saved) reaches it."""
    from wagtail.models import Site

    home = Page.objects.get(pk=network["so-y-te"].home_page.pk)
    before = home.full_url
    site = Site.objects.get(root_page=home)
    site.hostname = "syt-moi.example"
    site.save()
    after = Page.objects.get(pk=home.pk).full_url
    assert after != before and "syt-moi.example" in after


def test_site_root_paths_ask_the_cache_once_per_request(network):
    """Within a request the token found current is trusted (the explorer asks for the list once per row);
    Wagtail's clearing within the request, and every call outside a request, ask again."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started

    from wagtail.models import Site

    from sites import admin_scope

    home = Page.objects.get(pk=network["so-y-te"].home_page.pk)
    asked = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        if key == admin_scope.SITE_ROOT_PATHS_TOKEN_KEY:
            asked.append(key)
        return real_get(key, *args, **kwargs)

    from django.db import close_old_connections

    copies = list(Page.objects.filter(pk=home.pk)) + [Page.objects.get(pk=home.pk) for _ in range(8)]
    cache.get = counting_get
    # As Django's test client does: the test's transaction must outlive the simulated requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        copies.pop().url  # noqa: B018 (outside a request: the list is built, or the token checked)
        asked.clear()
        for _ in range(3):
            copies.pop().url  # noqa: B018 (Wagtail keeps the list on the page: a new copy asks)
        assert len(asked) == 3  # no request: every call checks the token

        request_started.send(sender=None)
        asked.clear()
        first = [Page.objects.get(pk=home.pk).url for _ in range(5)]
        assert len(asked) == 1
        site = Site.objects.get(root_page=home)
        site.hostname = "syt-trong-yeu-cau.example"
        site.save()  # Wagtail clears the list: the next URL reads it again
        after = Page.objects.get(pk=home.pk).full_url
        assert "syt-trong-yeu-cau.example" in after and first[0]
        request_finished.send(sender=None)
        asked.clear()
        copies.pop().url  # noqa: B018
        assert len(asked) == 1  # the request is over: ask again
    finally:
        cache.get = real_get
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize(
    "rows, per_page, orphans", [(0, 5, 0), (3, 5, 0), (5, 5, 0), (6, 5, 0), (7, 5, 2), (8, 5, 2), (13, 5, 0)]
)
def test_the_explorers_first_page_is_wagtails(network, rows, per_page, orphans):
    """A first page that holds the whole listing is counted from its rows; every page and count is Wagtail's."""
    from wagtail.admin.views.pages.listing import ExplorableIndexView

    from sites.admin_scope import _WAGTAIL

    home = network["so-y-te"].home_page
    for i in range(rows):
        home.add_child(instance=StandardPage(title=f"Trang {i}", slug=f"trang-phan-trang-{i}"))
    listing = Page.objects.child_of(home).filter(slug__startswith="trang-phan-trang-").order_by("path")
    ours_class, theirs_class = ExplorableIndexView.paginator_class, _WAGTAIL["ExplorableIndexView.paginator_class"]
    assert ours_class is not theirs_class
    for number in (None, "1", "2", "x", "99"):
        ours = ours_class(listing, per_page, orphans=orphans).get_page(number)
        theirs = theirs_class(listing, per_page, orphans=orphans).get_page(number)
        assert [p.pk for p in ours.object_list] == [p.pk for p in theirs.object_list], number
        assert (ours.number, ours.paginator.count, ours.paginator.num_pages) == (
            theirs.number,
            theirs.paginator.count,
            theirs.paginator.num_pages,
        )
    with CaptureQueriesContext(connection) as ctx:
        page = ours_class(listing, per_page, orphans=orphans).get_page(None)
        assert page.paginator.count == rows
    assert len(ctx.captured_queries) == (1 if rows <= per_page + orphans else 2)


def test_the_edit_views_localize_menu_items_match_wagtail_localize(network, editor, locales):
    """ "Start Synced translation" and "Convert to alias page" from one query (core.localize_buttons), as
    wagtail-localize shows them: on a source page, a synced translation, a disabled translation, a plain page."""
    from wagtail_localize import wagtail_hooks as localize_hooks
    from wagtail_localize.models import Translation

    home = network["so-y-te"].home_page
    source = StandardPage(title="Thủ tục cấp phép", slug="thu-tuc-cap-phep-menu")
    home.add_child(instance=source)
    source.save_revision().publish()
    english = translate(source, locales[1], {"Thủ tục cấp phép": "Licensing"})
    plain = StandardPage(title="Liên hệ", slug="lien-he-menu")
    home.add_child(instance=plain)
    disabled_source = StandardPage(title="Tin cũ", slug="tin-cu-menu")
    home.add_child(instance=disabled_source)
    disabled_source.save_revision().publish()
    disabled = translate(disabled_source, locales[1], {"Tin cũ": "Old news"})
    Translation.objects.filter(source__object_id=disabled_source.translation_key).update(enabled=False)

    items = (localize_hooks.RestartTranslationPageActionMenuItem, localize_hooks.ConvertToAliasPageActionMenuItem)
    seen = set()
    for page in (source, english, plain, disabled_source, disabled):
        ours_context = {"view": "edit", "page": Page.objects.get(pk=page.pk).specific}
        theirs_context = {"view": "edit", "page": Page.objects.get(pk=page.pk).specific}
        for item in items:
            wagtails = localize_buttons._ORIGINAL[f"{item.__name__}.is_shown"](item(), theirs_context)
            ours = item().is_shown(ours_context)
            assert ours == wagtails, (page.title, item.__name__)
            if ours:
                seen.add(item.__name__)
        assert not item().is_shown({"view": "create", "page": page})
    assert seen == {item.__name__ for item in items}, "both items were seen shown"
