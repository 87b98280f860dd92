"""Issue #6, item 4: English translations with wagtail-localize, the Vietnamese fallback, synchronised fields."""

import datetime

import pytest

from django.urls import reverse

from wagtail.models import Page

from core.translation import sync_translations, translate
from news.models import NewsArticlePage
from tests.news.news_fixtures import publish_article

YTE = "soyte.hatinh.localhost"

INDEX_EN = {"Tin tức – Sự kiện": "News and events", "Tin hoạt động của cơ quan.": "The agency's news."}
ARTICLE_EN = {
    "Sở Y tế ra quân phòng chống sốt xuất huyết": "Department of Health campaigns against dengue fever",
    "Các trạm y tế phun hóa chất diệt muỗi tại 5 phường.": "Health stations spray against mosquitoes in 5 wards.",
    "Người dân cần loại bỏ dụng cụ chứa nước đọng quanh nhà.": "Residents should remove containers holding standing water.",
}


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def dengue_article(index, categories):
    return publish_article(
        index,
        "Sở Y tế ra quân phòng chống sốt xuất huyết",
        slug="phong-chong-sot-xuat-huyet",
        date=datetime.date(2026, 3, 10),
        author="Trần Văn Minh",
        lead="Các trạm y tế phun hóa chất diệt muỗi tại 5 phường.",
        body=[("paragraph", "<p>Người dân cần loại bỏ dụng cụ chứa nước đọng quanh nhà.</p>")],
        categories=[categories["y-te"]],
    )


def test_english_translation_made_with_wagtail_localize_is_published(
    client, news_indexes, categories, locales, django_capture_on_commit_callbacks
):
    _vi, en = locales
    index = news_indexes["so-y-te"]
    article = dengue_article(index, categories)
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, en, INDEX_EN)
        english = translate(article, en, ARTICLE_EN)
    english.refresh_from_db()
    assert english.locale == en
    assert english.live
    assert english.title == "Department of Health campaigns against dengue fever"
    assert english.lead == "Health stations spray against mosquitoes in 5 wards."
    assert english.date == article.date and english.author == "Trần Văn Minh"
    assert list(english.categories.all()) == [categories["y-te"]]
    assert english.agency == article.agency

    response = client.get("/en/tin-tuc/phong-chong-sot-xuat-huyet/", HTTP_HOST=YTE)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Department of Health campaigns against dengue fever" in html
    assert "Residents should remove containers holding standing water." in html
    assert "translation-notice" not in html
    assert f'<link rel="alternate" hreflang="en" href="http://{YTE}/en/tin-tuc/phong-chong-sot-xuat-huyet/">' in html
    # The English listing, feed and category page of the site carry it; the Vietnamese ones keep the original.
    assert "Department of Health campaigns" in client.get("/en/tin-tuc/", HTTP_HOST=YTE).content.decode()
    en_rss = client.get("/en/tin-tuc/rss/", HTTP_HOST=YTE).content.decode()
    assert "Department of Health campaigns" in en_rss
    assert f"http://{YTE}/en/tin-tuc/phong-chong-sot-xuat-huyet/" in en_rss
    vi_rss = client.get("/tin-tuc/rss/", HTTP_HOST=YTE).content.decode()
    assert "Department of Health" not in vi_rss and article.title in vi_rss
    assert (
        "Department of Health campaigns" in client.get("/en/tin-tuc/chuyen-muc/y-te/", HTTP_HOST=YTE).content.decode()
    )
    # And the English portal's network news.
    assert "Department of Health campaigns" in client.get("/en/", HTTP_HOST="hatinh.localhost").content.decode()


def test_editor_uses_translate_this_page(client, news_indexes, categories, locales, editor):
    _vi, en = locales
    article = dengue_article(news_indexes["so-y-te"], categories)
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=(article.pk,))
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [en.pk]})
    assert response.status_code == 302
    draft = article.get_translation(en)
    assert draft.get_parent().locale == en  # the news index was copied across too
    # A new translation is a draft until the translator publishes it.
    assert not draft.live


def test_untranslated_page_falls_back_to_vietnamese_with_notice(client, news_indexes, categories, locales):
    _vi, en = locales
    index = news_indexes["so-y-te"]
    article = dengue_article(index, categories)
    # Neither the index nor the article is in English yet.
    response = client.get("/en/tin-tuc/phong-chong-sot-xuat-huyet/", HTTP_HOST=YTE)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'class="notice translation-notice"' in html
    assert "This page has not been translated into your language yet" in html
    assert '<div lang="vi">' in html
    assert article.title in html
    # The canonical URL is the Vietnamese original's.
    assert f'<link rel="canonical" href="http://{YTE}/tin-tuc/phong-chong-sot-xuat-huyet/">' in html
    # The index too (routable sub-pages included).
    assert client.get("/en/tin-tuc/", HTTP_HOST=YTE).status_code == 200
    assert client.get("/en/tin-tuc/rss/", HTTP_HOST=YTE).status_code == 200
    # Pages that exist in neither language are still 404.
    assert client.get("/en/tin-tuc/khong-co-tin-nay/", HTTP_HOST=YTE).status_code == 404
    assert client.get("/tin-tuc/khong-co-tin-nay/", HTTP_HOST=YTE).status_code == 404
    # Vietnamese pages never show the notice.
    assert (
        "translation-notice" not in client.get("/tin-tuc/phong-chong-sot-xuat-huyet/", HTTP_HOST=YTE).content.decode()
    )


def test_fallback_only_for_live_pages(client, news_indexes, categories, locales):
    article = dengue_article(news_indexes["so-y-te"], categories)
    article.unpublish()
    assert client.get("/en/tin-tuc/phong-chong-sot-xuat-huyet/", HTTP_HOST=YTE).status_code == 404


def test_structural_fields_stay_in_sync(client, news_indexes, categories, locales, django_capture_on_commit_callbacks):
    _vi, en = locales
    index = news_indexes["so-y-te"]
    article = dengue_article(index, categories)
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, en, INDEX_EN)
        translate(article, en, ARTICLE_EN)

    source = NewsArticlePage.objects.get(pk=article.pk)
    source.date = datetime.date(2026, 3, 12)
    source.author = "Lê Thị Hoa"
    source.categories.set([categories["y-te"], categories["giao-thong"]])
    source.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        (english,) = sync_translations(source)
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.date == datetime.date(2026, 3, 12)
    assert english.author == "Lê Thị Hoa"
    assert set(english.categories.all()) == {categories["y-te"], categories["giao-thong"]}
    assert english.title == "Department of Health campaigns against dengue fever"  # the translation is kept
    assert english.live
    assert Page.objects.get(pk=english.pk).url_path.endswith("/phong-chong-sot-xuat-huyet/")
