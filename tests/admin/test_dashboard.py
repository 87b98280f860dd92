"""The admin an agency's staff work in is about their own agency (#19): dashboard, explorer, frame."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

EDITOR, MODERATOR, OFFICER, ADMIN = "editors.so-y-te", "moderators.so-y-te", "officers.so-y-te", "quantri"


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def home_pages(agency):
    home = Page.objects.get(pk=agency.home_page_id)
    return home, home.get_translations().get()


def test_dashboard_counts_the_agencys_own_pages_not_the_network(login, network):
    vi_home, en_home = home_pages(network["so-y-te"])
    own = Page.objects.descendant_of(vi_home, inclusive=True).count()
    english = Page.objects.descendant_of(en_home, inclusive=True).count()
    network_total = Page.objects.filter(depth__gt=1).count()
    assert own < network_total
    text = text_of(login(EDITOR).get(reverse("wagtailadmin_home")))
    assert f"{own} trang" in text
    assert f"{english} trang (Tiếng Anh)" in text
    assert f"{network_total} trang" not in text
    assert "Sở Y tế" in text  # the agency's name heads the dashboard


def test_dashboard_panels_for_an_editor(login, network):
    from news.models import NewsArticlePage
    from sections.factories import question, question_page

    vi_home, _en = home_pages(network["so-y-te"])
    question(question_page(vi_home.specific), title="Cấp lại giấy phép hành nghề?", text="Thủ tục thế nào?")
    article = NewsArticlePage.objects.get(agency=network["so-y-te"], locale__language_code="vi")
    client = login(EDITOR)
    editor = client.get(reverse("wagtailadmin_home")).wsgi_request.user
    article.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    article.title = "Bản nháp tin tiêm chủng"
    article.save_revision(user=editor)
    text = text_of(client.get(reverse("wagtailadmin_home")))
    assert "Việc cần xử lý" in text and "1 câu hỏi chờ trả lời" in text
    assert "Bản nháp của tôi" in text and "Bản nháp tin tiêm chủng" in text
    assert "Mới xuất bản trên trang của cơ quan" in text and "Tin hoạt động của Sở Y tế" in text
    assert "Sở Giao thông vận tải" not in text


def test_officer_sees_dossier_counts(login, network):
    text = text_of(login(OFFICER).get(reverse("wagtailadmin_home")))
    assert "0 hồ sơ đang giải quyết" in text
    assert "0 hồ sơ quá hạn" in text


def test_provincial_administrator_gets_the_network_view(login, network):
    _vi, _en = home_pages(network["so-gtvt"])
    Page.objects.filter(path__startswith=_vi.path[:8]).update(last_published_at=timezone.now() - timedelta(days=200))
    Page.objects.filter(path__startswith=_en.path[:8]).update(last_published_at=timezone.now() - timedelta(days=200))
    text = text_of(login(ADMIN).get(reverse("wagtailadmin_home")))
    assert "Toàn mạng" in text
    assert "Trang không cập nhật trong 90 ngày" in text
    stale = text.split("Trang không cập nhật trong 90 ngày", 1)[1]
    assert "Sở Giao thông vận tải" in stale
    assert "Sở Y tế" not in stale


def test_explorer_starts_at_the_agency_home_in_the_editors_language(login, network):
    vi_home, en_home = home_pages(network["so-y-te"])
    client = login(EDITOR)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_explore", args=[vi_home.pk])
    response = client.get(reverse("wagtailadmin_explore", args=[vi_home.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trang tạo tại đây sẽ không có địa chỉ truy cập nào" not in body
    # The switch to the English tree: the explorer's locale menu links to the English home, which opens.
    assert reverse("wagtailadmin_explore", args=[en_home.pk]) in body
    assert client.get(reverse("wagtailadmin_explore", args=[en_home.pk])).status_code == 200


def test_explorer_follows_the_editors_language(login, network):
    from wagtail.users.models import UserProfile

    _vi, en_home = home_pages(network["so-y-te"])
    client = login(EDITOR)
    user = client.get(reverse("wagtailadmin_home")).wsgi_request.user
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language="en")
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response["Location"] == reverse("wagtailadmin_explore", args=[en_home.pk])


def test_agency_staff_cannot_create_a_page_without_a_url(login, network):
    root = Page.get_first_root_node()
    client = login(EDITOR)
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[root.pk]))
    assert response.status_code in (302, 403)
    response = client.get(reverse("wagtailadmin_pages:add", args=["home", "standardpage", root.pk]))
    assert response.status_code in (302, 403)
    assert not Page.objects.filter(depth=2, title="").exists()


def test_initials_avatar_and_our_guide_in_the_help_menu(login, network):
    body = login(EDITOR).get(reverse("wagtailadmin_home")).content.decode()
    assert "data:image/svg+xml;base64," in body
    assert "gravatar" not in body
    assert reverse("portal_guide:index") in body
    assert "guide.wagtail.org" not in body


def test_initials():
    from core.admin_chrome import initials

    assert initials("Nguyễn Văn An") == "NA"
    assert initials("bientap.soyte") == "BS"
    assert initials("quantri") == "QU"
    assert initials("") == "?"


def test_the_guide_is_served_in_the_admin(login, network):
    client = login(EDITOR)
    index = client.get(reverse("portal_guide:index"))
    assert index.status_code == 200
    body = index.content.decode()
    assert "Hướng dẫn sử dụng trang quản trị" in body
    assert reverse("portal_guide:page", args=["dang-tin-qua-kiem-duyet"]) in body
    page = client.get(reverse("portal_guide:page", args=["dang-tin-qua-kiem-duyet"]))
    assert page.status_code == 200 and "Gửi kiểm duyệt" in page.content.decode()
    image = reverse("portal_guide:image", args=["bang-dieu-khien.png"])
    assert image in client.get(reverse("portal_guide:index")).content.decode()
    assert client.get(image)["Content-Type"] == "image/png"
    assert client.get(reverse("portal_guide:page", args=["khong-co"])).status_code == 404
    assert client.get("/admin/huong-dan/anh/..%2Fsettings.png").status_code != 200


def test_every_guide_image_exists():
    from core.guide import GUIDE_DIR

    for source in GUIDE_DIR.glob("*.md"):
        for name in re.findall(r"\]\(anh/([^)]+)\)", source.read_text(encoding="utf-8")):
            assert (GUIDE_DIR / "anh" / name).is_file(), f"{source.name}: anh/{name} missing (make screenshots)"


def test_the_catalogue_covers_the_installed_versions():
    """After an upgrade of Django, Wagtail or wagtail-localize, new msgids fail here until translated."""
    import importlib.util

    from django.conf import settings

    spec = importlib.util.spec_from_file_location(
        "admin_catalogue", settings.BASE_DIR / "scripts" / "admin_catalogue.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0
