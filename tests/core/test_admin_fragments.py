"""Parts of admin views kept per process (core/admin_fragments.py) are Wagtail's, and never outlive a change.

- the explorer's filter drawer: a warm explorer is the cold one, byte for byte;
  a page edited by another user adds that user to "Edited by" on the next
  request; each user sees the sites of their own agencies; a filtered query
  string gets its own drawer, with its boxes ticked;
- the edit view's packed edit handler: a warm edit view packs the same data as
  a cold one; a new choice of a choice widget (a news category) is in the next
  pack; each language packs its own labels; a value the key cannot describe
  means no reuse;
- the editor's rendered form: a warm edit view is the cold one; a new value, a
  renamed image and a POST with errors are never answered from what was kept;
- StreamField definitions packed once per language are Wagtail's;
- the form class kept per edit handler still gives each user the fields their
  permissions allow (the form's instances decide).
"""

import json
import re

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageLogEntry

from core import admin_fragments
from tests.news.news_fixtures import news_index_for, publish_article

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"CSRF_TOKEN": "[^"]+"')
DRAWER = re.compile(r'<div class="w-drilldown__contents">.*?</template>|<div class="w-drilldown__contents">.*', re.S)
PACKED = re.compile(r'<script id="w-edit-handler-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.fixture(autouse=True)
def _empty_memos():
    admin_fragments.drawers.clear()
    admin_fragments.packs.clear()
    admin_fragments.breadcrumbs.clear()
    admin_fragments.form_contents.clear()
    yield


def page_text(response) -> str:
    assert response.status_code == 200
    return CSRF.sub("", response.content.decode())


def drawer(response) -> str:
    text = page_text(response)
    start = text.index('id="filters-drilldown"')
    return text[start : text.index("</header>", start)]


def explorer_url(network, slug="so-y-te", query=""):
    return reverse("wagtailadmin_explore", args=[network[slug].home_page.pk]) + query


def test_a_warm_explorer_is_the_cold_one(client, network, editor):
    client.force_login(editor)
    url = explorer_url(network)
    client.get(url)  # the user's answers kept (core.admin_cache): the next two differ by the drawer only
    admin_fragments.drawers.clear()
    with CaptureQueriesContext(connection) as cold_queries:
        cold = page_text(client.get(url))
    assert len(admin_fragments.drawers._items) == 1
    with CaptureQueriesContext(connection) as warm_queries:
        warm = page_text(client.get(url))
    assert warm == cold
    assert len(warm_queries) < len(cold_queries)
    assert "Hồ sơ mẫu" not in cold  # nothing of another world leaked in


def test_another_editors_edit_shows_in_edited_by_on_the_next_request(client, network, editor, make_user):
    other = make_user("editor-yte-2", network["so-y-te"].editors_group)
    get_user_model().objects.filter(pk=other.pk).update(first_name="Trần Thị", last_name="Biên")
    client.force_login(editor)
    url = explorer_url(network)
    assert "Trần Thị Biên" not in drawer(client.get(url))
    assert "Trần Thị Biên" not in drawer(client.get(url))  # warm

    page = network["so-y-te"].home_page.specific
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=other)  # only the listing generation moves
    assert "Trần Thị Biên" in drawer(client.get(url))


def test_each_user_sees_the_sites_of_their_own_agency(client, network, editor, make_user):
    other = make_user("editor-gtvt", network["so-gtvt"].editors_group)
    own, theirs = network["so-y-te"].site.hostname, network["so-gtvt"].site.hostname
    client.force_login(editor)
    html = drawer(client.get(explorer_url(network)))
    assert own in html or network["so-y-te"].site.site_name in html
    client.force_login(other)
    html = drawer(client.get(explorer_url(network, "so-gtvt")))
    assert network["so-y-te"].site.site_name not in html and own not in html
    assert theirs in html or network["so-gtvt"].site.site_name in html


def test_a_filtered_explorer_has_its_own_drawer(client, network, editor):
    client.force_login(editor)
    plain = drawer(client.get(explorer_url(network)))
    filtered = drawer(client.get(explorer_url(network, query="?has_child_pages=true")))
    assert filtered != plain
    assert re.search(r'value="true"[^>]*checked|checked[^>]*value="true"', filtered)
    assert drawer(client.get(explorer_url(network))) == plain


def test_without_the_admin_cache_the_drawer_is_rendered_every_time(client, network, editor, settings):
    client.force_login(editor)
    url = explorer_url(network)
    first = drawer(client.get(url))
    admin_fragments.drawers.clear()
    request = type("Request", (), {"user": editor})()  # no generation: nothing is kept
    assert admin_fragments.drawer_key(request, None) is None
    assert drawer(client.get(url)) == first


# The edit view ------------------------------------------------------------------------------------


def packed(response) -> str:
    found = PACKED.search(page_text(response))
    assert found, "the edit view packs its edit handler"
    return json.dumps(json.loads(found.group(1)), ensure_ascii=False)


@pytest.fixture
def article(network, categories):
    return publish_article(news_index_for(network["so-y-te"]), title="Tiêm chủng mở rộng đợt 2")


def test_a_warm_edit_view_packs_what_a_cold_one_packs(client, network, editor, article):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert_warm_is_cold(client, url, admin_fragments.packs, packed)


def assert_warm_is_cold(client, url, memo, part) -> str:
    """The ``part`` of the page at ``url`` rendered with ``memo`` empty, then from it: the same."""
    client.get(url)
    memo.clear()
    cold = part(client.get(url))
    assert len(memo._items) == 1
    warm = part(client.get(url))
    assert warm == cold
    assert len(memo._items) == 1  # reused, not built again
    return cold


def test_a_new_category_is_in_the_next_pack(client, network, editor, article):
    from news.models import NewsCategory

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    before = packed(client.get(url))
    assert "Văn hóa – Thể thao" not in before
    NewsCategory.objects.create(name="Văn hóa – Thể thao", slug="van-hoa")  # no signal is needed
    after = packed(client.get(url))
    assert "Văn hóa – Thể thao" in after
    assert len(admin_fragments.packs._items) == 2


def test_each_language_packs_its_own_labels(rf, network, editor, article):
    request = rf.get("/admin/")
    request.user = editor
    editor.__dict__[admin_fragments.USER_GENERATIONS_ATTR] = ("generation", "listing")
    handler = type(article).get_edit_handler()
    form = handler.get_form_class()(instance=article, for_user=editor)
    panel = handler.get_bound_panel(instance=article, request=request, form=form)
    with translation.override("vi"):
        vietnamese = admin_fragments.pack_key(panel)
    with translation.override("en"):
        english = admin_fragments.pack_key(panel)
    assert vietnamese and english and vietnamese != english


def test_a_value_the_key_cannot_describe_is_never_reused():
    class Opaque:
        pass

    with pytest.raises(admin_fragments._Undescribable):
        admin_fragments._describe({"widget": Opaque()}, [])
    with pytest.raises(admin_fragments._Undescribable):
        admin_fragments._describe([lambda: 1], [])
    parts: list = []
    admin_fragments._describe({"a": [1, "b", None, translation.gettext_lazy("Tiêu đề")]}, parts)
    assert "Tiêu đề" in parts


def test_stream_field_definitions_packed_once_are_wagtails(network):
    from wagtail.blocks.base import BlockWidget

    from procedures.models.catalogue import ProcedurePage

    block_def = ProcedurePage._meta.get_field("steps").stream_block
    admin_fragments._block_json.clear()
    first, second = BlockWidget(block_def), BlockWidget(block_def)
    assert second.block_json == first.block_json
    assert second._js_context is first._js_context  # the second came from the memo
    with translation.override("en"):
        english = BlockWidget(block_def)
        assert english._js_context is not first._js_context  # its own labels
        kept = english.block_json
        admin_fragments._block_json.clear()
        assert BlockWidget(block_def).block_json == kept  # what Wagtail builds afresh


def test_the_kept_form_class_is_wagtails_and_its_forms_are_their_own(network, editor):
    from wagtail.admin.panels import Panel

    from procedures.models.catalogue import ProcedurePage

    handler = ProcedurePage.get_edit_handler()
    kept = handler.get_form_class()
    assert handler.get_form_class() is kept
    fresh = admin_fragments._WAGTAIL_GET_FORM_CLASS(handler)
    assert fresh is not kept and list(fresh.base_fields) == list(kept.base_fields)
    assert list(fresh.formsets) == list(kept.formsets)
    page = ProcedurePage.objects.first()
    one, two = kept(instance=page, for_user=editor), kept(instance=page, for_user=editor)
    one.fields["title"].label = "changed"
    assert two.fields["title"].label != "changed"
    assert Panel.get_form_class is not admin_fragments._WAGTAIL_GET_FORM_CLASS


# The header's breadcrumbs ---------------------------------------------------------------------------


def test_breadcrumbs_follow_a_renamed_ancestor_and_a_draft_title(client, network, editor):
    from home.models import StandardPage

    home = network["so-y-te"].home_page
    section = StandardPage(title="Giới thiệu", slug="gioi-thieu-bc")
    home.add_child(instance=section)
    child = StandardPage(title="Lãnh đạo sở", slug="lanh-dao-so")
    section.add_child(instance=child)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[child.pk])
    assert "Giới thiệu" in page_text(client.get(url))
    assert len(admin_fragments.breadcrumbs._items) >= 1
    assert "Giới thiệu" in page_text(client.get(url))  # kept

    section.title = section.draft_title = "Giới thiệu chung về sở"
    section.save()
    assert "Giới thiệu chung về sở" in page_text(client.get(url))

    section.title = "Bản nháp: cơ cấu tổ chức"
    section.save_revision(user=editor)  # a draft: the header shows the latest title
    assert "Bản nháp: cơ cấu tổ chức" in page_text(client.get(url))


def test_kept_breadcrumbs_are_wagtails_and_copied(rf, network, editor):
    from wagtail.admin.templatetags import wagtailadmin_tags
    from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page

    page = network["so-y-te"].home_page
    editor.__dict__[admin_fragments.USER_GENERATIONS_ATTR] = ("g", "l")
    kept = wagtailadmin_tags.get_breadcrumbs_items_for_page(page, editor, "wagtailadmin_explore")
    assert kept == get_breadcrumbs_items_for_page(page, editor, "wagtailadmin_explore")
    kept.append({"label": "added by the tag"})
    again = wagtailadmin_tags.get_breadcrumbs_items_for_page(page, editor, "wagtailadmin_explore")
    assert again == get_breadcrumbs_items_for_page(page, editor, "wagtailadmin_explore")
    editor.__dict__[admin_fragments.USER_GENERATIONS_ATTR] = ("g2", "l")
    assert wagtailadmin_tags.get_breadcrumbs_items_for_page(page, editor, "wagtailadmin_explore") == again
    assert len(admin_fragments.breadcrumbs._items) == 2


# The editor's rendered form -----------------------------------------------------------------------

EDIT_FORM = re.compile(r'<form\s+id="page-edit-form".*?</form>', re.S)


def edit_form(response) -> str:
    found = EDIT_FORM.search(page_text(response))
    assert found, "the edit view has its form"
    return found.group(0)


def test_a_warm_edit_form_is_the_cold_one(client, network, editor, article):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    cold = assert_warm_is_cold(client, url, admin_fragments.form_contents, edit_form)
    assert "Tiêm chủng mở rộng đợt 2" in cold


def test_a_new_draft_is_in_the_next_form(client, network, editor, article):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert "Tiêm chủng mở rộng đợt 3" not in edit_form(client.get(url))
    draft = article.get_latest_revision_as_object()
    draft.title = "Tiêm chủng mở rộng đợt 3"
    draft.lead = "Lịch tiêm mới cho trẻ dưới 5 tuổi."
    draft.save_revision(user=editor)
    form = edit_form(client.get(url))
    assert "Tiêm chủng mở rộng đợt 3" in form
    assert "Lịch tiêm mới cho trẻ dưới 5 tuổi." in form


def test_a_renamed_image_is_in_the_next_form(client, network, editor, article):
    from django.core.files.base import ContentFile

    from wagtail.images import get_image_model

    from tests.files import image_bytes

    image = get_image_model().objects.create(
        title="Ảnh điểm tiêm", file=ContentFile(image_bytes(), name="diem-tiem.jpg")
    )
    draft = article.get_latest_revision_as_object()
    draft.featured_image = image
    draft.save_revision(user=editor)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert "Ảnh điểm tiêm" in edit_form(client.get(url))
    image.title = "Ảnh trạm y tế xã"
    image.save()  # the form's values are the same (the image's id): the listing generation moves
    form = edit_form(client.get(url))
    assert "Ảnh trạm y tế xã" in form
    assert "Ảnh điểm tiêm" not in form


def test_a_posted_form_is_never_kept(rf, network, editor, article):
    from core.admin_cache import USER_GENERATIONS_ATTR

    editor.__dict__[USER_GENERATIONS_ATTR] = ("g", "l")  # as AdminUserCacheMiddleware leaves them
    handler = type(article).get_edit_handler()
    form_class = handler.get_form_class()

    def key(request, form):
        request.user = editor
        return admin_fragments.form_content_key(handler.get_bound_panel(instance=article, request=request, form=form))

    assert key(rf.get("/admin/"), form_class(instance=article, for_user=editor)) is not None
    bound = form_class({"title": ""}, instance=article, for_user=editor)  # its errors are rendered
    assert key(rf.get("/admin/"), bound) is None
    assert key(rf.post("/admin/"), form_class(instance=article, for_user=editor)) is None
    with pytest.raises(admin_fragments._Undescribable):
        admin_fragments._describe_form(bound, [])


def test_a_form_value_the_key_cannot_describe_is_never_reused():
    with pytest.raises(admin_fragments._Undescribable):
        admin_fragments._describe_value(object(), [])
    parts: list = []
    admin_fragments._describe_value([1, "a", None], parts)
    assert parts == ["[", ("int", 1), ("str", "a"), ("NoneType", None), "]"]


def test_the_form_key_follows_every_value_with_the_generations_unchanged(rf, network, editor, article):
    from core.admin_cache import USER_GENERATIONS_ATTR

    editor.__dict__[USER_GENERATIONS_ATTR] = ("g", "l")
    handler = type(article).get_edit_handler()
    form_class = handler.get_form_class()
    request = rf.get("/admin/")
    request.user = editor

    def key(page):
        form = form_class(instance=page, for_user=editor)
        return admin_fragments.form_content_key(handler.get_bound_panel(instance=page, request=request, form=form))

    before = key(article)
    assert before == key(article)
    article.lead = "Một đoạn mở đầu khác"  # not saved: no generation moves
    assert key(article) != before


def test_a_saved_document_or_comment_moves_the_listing_generation(network, editor, article):
    from django.core.cache import cache
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Comment

    from core.admin_cache import LISTING_GENERATION_KEY

    seen = [cache.get(LISTING_GENERATION_KEY)]
    document = get_document_model().objects.create(
        title="Mẫu tờ khai", file=ContentFile(b"%PDF-1.4", name="to-khai.pdf")
    )
    seen.append(cache.get(LISTING_GENERATION_KEY))
    document.title = "Mẫu tờ khai (sửa đổi)"
    document.save()
    seen.append(cache.get(LISTING_GENERATION_KEY))
    Comment.objects.create(page=article, user=editor, text="Kiểm tra lại ngày tiêm", contentpath="title")
    seen.append(cache.get(LISTING_GENERATION_KEY))
    assert len(set(seen)) == len(seen)
