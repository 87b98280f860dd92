"""Agency editors see, change and choose only their own agency's pages, images and documents."""

import pytest

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from home.models import StandardPage
from tests.files import PDF


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def add_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(network):
    health, transport = network["so-y-te"], network["so-gtvt"]
    return {
        "own": add_page(health.home_page, "Thông báo khám sức khỏe", "thong-bao-y-te"),
        "other": add_page(transport.home_page, "Thông báo sát hạch lái xe", "thong-bao-gtvt"),
        "own_home": health.home_page,
        "other_home": transport.home_page,
    }


@pytest.fixture
def media(network):
    health, transport = network["so-y-te"], network["so-gtvt"]

    def image(title, collection):
        return Image.objects.create(
            title=title, file=ImageFile(get_test_image_file().file, name=f"{title}.png"), collection=collection
        )

    def document(title, collection):
        return Document.objects.create(title=title, file=ContentFile(PDF, name=f"{title}.pdf"), collection=collection)

    return {
        "own_image": image("anh-benh-vien", health.collection),
        "other_image": image("anh-cau-duong", transport.collection),
        "own_doc": document("mau-don-y-te", health.collection),
        "other_doc": document("mau-don-gtvt", transport.collection),
    }


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_explorer_lists_only_own_agency(editor_client, pages):
    response = editor_client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trang thông tin điện tử Sở Y tế" in html
    assert "Trang thông tin điện tử Sở Giao thông vận tải" not in html

    response = editor_client.get(reverse("wagtailadmin_explore", args=[pages["other_home"].pk]), follow=True)
    html = response.content.decode()
    assert "Thông báo sát hạch lái xe" not in html

    response = editor_client.get(reverse("wagtailadmin_explore", args=[pages["own_home"].pk]))
    assert response.status_code == 200
    assert "Thông báo khám sức khỏe" in response.content.decode()


def test_admin_search_finds_only_own_agency(editor_client, pages):
    response = editor_client.get(reverse("wagtailadmin_pages:search"), {"q": "Thông báo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thông báo khám sức khỏe" in html
    assert "Thông báo sát hạch lái xe" not in html


@pytest.mark.parametrize(
    "view",
    ["wagtailadmin_pages:edit", "wagtailadmin_pages:move", "wagtailadmin_pages:copy", "wagtailadmin_pages:delete"],
)
def test_editor_cannot_touch_another_agency_page(editor_client, pages, view):
    response = editor_client.get(reverse(view, args=[pages["other"].pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_home"))


def test_editor_cannot_publish_or_add_in_another_agency(editor_client, pages):
    other = pages["other"]
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]),
        {"title": "Bị sửa", "slug": other.slug, "action-publish": "1"},
    )
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title == "Thông báo sát hạch lái xe"
    assert other.get_latest_revision().content["title"] == "Thông báo sát hạch lái xe"

    response = editor_client.get(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", pages["other_home"].pk])
    )
    assert response.status_code in (302, 403)


def test_editor_cannot_move_own_page_into_another_agency(editor_client, pages):
    response = editor_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[pages["own"].pk, pages["other_home"].pk])
    )
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=pages["own"].pk).get_parent().pk == pages["own_home"].pk


def test_editor_works_in_own_agency(editor_client, pages):
    own = pages["own"]
    for view in ("wagtailadmin_pages:edit", "wagtailadmin_pages:copy"):
        assert editor_client.get(reverse(view, args=[own.pk])).status_code == 200, view
    response = editor_client.get(reverse("wagtailadmin_pages:add", args=["home", "standardpage", pages["own_home"].pk]))
    assert response.status_code == 200
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[own.pk]),
        {"title": "Thông báo mới", "slug": own.slug, "intro": "", "body-count": "0"},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.get_latest_revision().content["title"] == "Thông báo mới"


def test_moderator_moves_within_own_agency_only(client, moderator, pages, network):
    client.force_login(moderator)
    target = add_page(pages["own_home"], "Chuyên mục", "chuyen-muc")
    assert client.get(reverse("wagtailadmin_pages:move", args=[pages["own"].pk])).status_code == 200
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[pages["own"].pk, target.pk]))
    assert response.status_code == 302
    assert Page.objects.get(pk=pages["own"].pk).get_parent().pk == target.pk
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[pages["own"].pk, pages["other_home"].pk]))
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=pages["own"].pk).get_parent().pk == target.pk


def chooser_html(response) -> str:
    assert response.status_code == 200
    return response.json()["html"]


def test_page_chooser_offers_only_own_agency(editor_client, pages):
    html = chooser_html(editor_client.get(reverse("wagtailadmin_choose_page")))
    assert "Trang thông tin điện tử Sở Y tế" in html
    assert "Trang thông tin điện tử Sở Giao thông vận tải" not in html

    response = editor_client.get(reverse("wagtailadmin_choose_page_child", args=[pages["other_home"].pk]))
    assert "Thông báo sát hạch lái xe" not in chooser_html(response)

    response = editor_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Thông báo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thông báo khám sức khỏe" in html
    assert "Thông báo sát hạch lái xe" not in html


def test_image_and_document_choosers_offer_only_own_collection(editor_client, media):
    html = chooser_html(editor_client.get(reverse("wagtailimages_chooser:choose")))
    assert "anh-benh-vien" in html
    assert "anh-cau-duong" not in html
    response = editor_client.get(reverse("wagtailimages_chooser:chosen", args=[media["other_image"].pk]))
    assert response.status_code in (302, 403, 404)

    html = chooser_html(editor_client.get(reverse("wagtaildocs_chooser:choose")))
    assert "mau-don-y-te" in html
    assert "mau-don-gtvt" not in html
    response = editor_client.get(reverse("wagtaildocs_chooser:chosen", args=[media["other_doc"].pk]))
    assert response.status_code in (302, 403, 404)

    assert editor_client.get(reverse("wagtailimages:edit", args=[media["other_image"].pk])).status_code in (302, 403)
    assert editor_client.get(reverse("wagtaildocs:edit", args=[media["other_doc"].pk])).status_code in (302, 403)
    assert editor_client.get(reverse("wagtailimages:edit", args=[media["own_image"].pk])).status_code == 200


def test_editors_delete_check_of_a_leaf_page_asks_no_query(network, editor, django_assert_num_queries):
    """sites.admin_scope.can_delete_from_the_page: Wagtail's answer, from the page itself.

    An editor (no publish right) may delete a page only if nothing in its subtree is live.
    """
    from tests.procedures.catalogue_fixtures import make_procedures

    live, draft = make_procedures(network["so-y-te"], 2)
    Page.objects.filter(pk=draft.pk).update(live=False)
    draft.live = False
    live_perms, draft_perms = live.permissions_for_user(editor), draft.permissions_for_user(editor)
    with django_assert_num_queries(0):
        assert live_perms.can_delete() is False
        assert draft_perms.can_delete() is True
    # A live page with children is in its own subtree: refused without a query, deleting or moving (the
    # move check ignores the bulk-delete right, so it reaches the live check in Wagtail's own method).
    catalogue = live.get_parent()
    assert catalogue.numchild == 2 and catalogue.live
    catalogue_perms = catalogue.permissions_for_user(editor)
    with django_assert_num_queries(0):
        assert catalogue_perms.can_delete() is False
        assert catalogue_perms.can_delete(ignore_bulk=True) is False
    # A page with children that is not live still asks the database, and gets Wagtail's answer.
    Page.objects.filter(pk=catalogue.pk).update(live=False)
    catalogue.live = False
    with django_assert_num_queries(1):
        assert catalogue.permissions_for_user(editor).can_delete(ignore_bulk=True) is False  # a live child
    Page.objects.filter(pk=live.pk).update(live=False)
    with django_assert_num_queries(1):
        assert catalogue.permissions_for_user(editor).can_delete(ignore_bulk=True) is True  # nothing live
