import json
from io import StringIO
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, GroupPagePermission, Page, Site, WorkflowPage

from core.models import SiteSettings
from home.models import AgencyHomePage, PortalHomePage, StandardPage
from procedures.models import ProcedureIndexPage
from sites.models import Agency
from sites.provisioning import merge_agency, retire_agency

AGENCIES_FILE = Path(settings.BASE_DIR) / "demo" / "data" / "agencies.json"


def snapshot():
    """Everything provisioning writes, to prove a second run changes nothing."""
    return {
        "agencies": list(Agency.objects.order_by("pk").values()),
        "pages": list(Page.objects.order_by("pk").values("pk", "path", "title", "slug", "live", "locale_id")),
        "sites": list(Site.objects.order_by("pk").values()),
        "collections": list(Collection.objects.order_by("pk").values("pk", "name", "path")),
        "groups": list(Group.objects.order_by("pk").values("pk", "name")),
        "page_perms": GroupPagePermission.objects.count(),
        "workflows": WorkflowPage.objects.count(),
        "settings": SiteSettings.objects.count(),
    }


@pytest.mark.django_db
def test_provision_command_creates_every_agency_and_is_idempotent(locales):
    out = StringIO()
    call_command("provision_agencies", str(AGENCIES_FILE), stdout=out)
    assert "Tạo mới: 13" in out.getvalue()
    assert Agency.objects.count() == 13
    assert Site.objects.count() == 13
    portal = Agency.objects.get(slug="ha-tinh")
    assert isinstance(portal.home_page.specific, PortalHomePage)
    assert portal.site.is_default_site
    health = Agency.objects.get(slug="so-y-te")
    assert isinstance(health.home_page.specific, AgencyHomePage)
    assert health.site.hostname == "soyte.hatinh.localhost"
    assert health.collection.name == "Sở Y tế"
    assert health.home_page.get_translations().get().locale.language_code == "en"
    assert Agency.objects.get(slug="phuong-bac-ha").parent.slug == "tp-ha-tinh"

    before = snapshot()
    out = StringIO()
    call_command("provision_agencies", str(AGENCIES_FILE), stdout=out)
    assert "không đổi: 13" in out.getvalue()
    assert snapshot() == before


@pytest.mark.django_db
def test_provision_rejects_bad_file_and_writes_nothing(tmp_path, locales):
    bad = tmp_path / "agencies.json"
    bad.write_text(
        json.dumps([{"slug": "x", "name": "X", "kind": "planet", "hostname": "x.localhost", "parent": "nope"}])
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("provision_agencies", str(bad))
    message = str(excinfo.value)
    assert "Bản ghi 1" in message and "kind" in message and "parent" in message
    assert Agency.objects.count() == 0

    bad.write_text("{not json")
    with pytest.raises(CommandError, match="Không đọc được"):
        call_command("provision_agencies", str(bad))


def test_groups_are_confined_to_the_agency(network):
    health = network["so-y-te"]
    roots = {p.pk for p in [health.home_page, *health.home_page.get_translations()]}
    granted = set(GroupPagePermission.objects.filter(group=health.editors_group).values_list("page_id", flat=True))
    assert granted == roots
    editor_perms = set(
        GroupPagePermission.objects.filter(group=health.editors_group).values_list("permission__codename", flat=True)
    )
    assert "publish_page" not in editor_perms
    moderator_perms = set(
        GroupPagePermission.objects.filter(group=health.moderators_group).values_list("permission__codename", flat=True)
    )
    assert "publish_page" in moderator_perms
    collections = set(health.editors_group.collection_permissions.values_list("collection_id", flat=True))
    assert collections == {health.collection_id}


def add_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_merge_moves_pages_and_redirects_old_urls(network, client):
    source, target = network["so-y-te"], network["so-gtvt"]
    news = add_page(source.home_page, "Thông báo tuyển dụng", "thong-bao")
    clash = add_page(source.home_page, "Giới thiệu", "gioi-thieu")
    add_page(target.home_page, "Giới thiệu", "gioi-thieu")

    old_procedure_index = ProcedureIndexPage.objects.child_of(source.home_page).get()
    moved = merge_agency(source, target)

    assert moved == 2  # the two content pages; the catalogue and news listings merge into the target's
    news.refresh_from_db()
    clash.refresh_from_db()
    assert news.get_parent().pk == target.home_page_id
    assert clash.slug == "gioi-thieu-so-y-te"
    assert StandardPage.objects.get(pk=news.pk).agency == target
    source.refresh_from_db()
    assert not source.is_active and source.merged_into == target

    response = client.get("/thong-bao/", HTTP_HOST="soyte.hatinh.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://sgtvt.hatinh.localhost/thong-bao/"
    response = client.get("/gioi-thieu/", HTTP_HOST="soyte.hatinh.localhost")
    assert response["Location"] == "http://sgtvt.hatinh.localhost/gioi-thieu-so-y-te/"
    response = client.get("/", HTTP_HOST="soyte.hatinh.localhost")
    assert response.status_code == 301
    assert response["Location"].startswith("http://sgtvt.hatinh.localhost/")
    assert client.get("/thong-bao/", HTTP_HOST="sgtvt.hatinh.localhost").status_code == 200
    response = client.get(
        old_procedure_index.url_path[len(source.home_page.url_path) - 1 :], HTTP_HOST="soyte.hatinh.localhost"
    )
    assert response.status_code == 301
    assert response["Location"] == "http://sgtvt.hatinh.localhost/thu-tuc-hanh-chinh/"
    assert ProcedureIndexPage.objects.child_of(target.home_page).count() == 1


def test_retire_redirects_every_url_to_the_parent_site(network, client):
    health = network["so-y-te"]
    add_page(health.home_page, "Thông báo", "thong-bao")
    pages_in_site = sum(
        root.get_descendants(inclusive=True).count()
        for root in [health.home_page, *health.home_page.get_translations()]
    )
    count = retire_agency(health)
    assert count == pages_in_site  # every page, in both languages
    assert Redirect.objects.filter(site=health.site).count() == pages_in_site
    for path in ("/", "/thong-bao/"):
        response = client.get(path, HTTP_HOST="soyte.hatinh.localhost")
        assert response.status_code == 301
        assert response["Location"] == "http://hatinh.localhost/"
    response = client.get("/en/", HTTP_HOST="soyte.hatinh.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://hatinh.localhost/en/"


def test_rename_updates_site_and_home(network):
    call_command("rename_agency", "so-gtvt", "--name", "Sở Xây dựng", "--name-en", "Department of Construction")
    agency = Agency.objects.get(slug="so-gtvt")
    assert agency.site.site_name == "Trang thông tin điện tử Sở Xây dựng"
    assert agency.home_page.title == "Trang thông tin điện tử Sở Xây dựng"
    assert agency.collection.name == "Sở Xây dựng"


def test_merge_command_refuses_unknown_agency(network):
    with pytest.raises(CommandError, match="Không có cơ quan"):
        call_command("merge_agency", "so-khong-co", "so-gtvt")


def test_any_address_of_a_retired_site_redirects(network, client):
    health = network["so-y-te"]
    retire_agency(health)
    response = client.get("/tim-kiem/?q=giay+phep", HTTP_HOST="soyte.hatinh.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://hatinh.localhost/"
    response = client.get("/en/khong-co/", HTTP_HOST="soyte.hatinh.localhost")
    assert response.status_code == 301
    assert response["Location"] == "http://hatinh.localhost/en/"
    # Active sites still answer 404 for unknown addresses.
    assert client.get("/khong-co/", HTTP_HOST="sgtvt.hatinh.localhost").status_code == 404


def test_section_pages_know_their_agency(network):
    from news.models import NewsIndexPage
    from procedures.models import ProcedureIndexPage

    health = network["so-y-te"]
    assert NewsIndexPage.objects.get(agency=health, locale__language_code="vi").get_parent().pk == health.home_page_id
    assert ProcedureIndexPage.objects.filter(agency=health).count() == 2  # Vietnamese and English
