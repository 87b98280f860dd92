"""News as a citizen on a phone meets it: the agency's news index and an article pass axe-core."""

import datetime
import io

from django.core.files.images import ImageFile

from wagtail.images.models import Image

from news.models import NewsCategory
from tests.files import jpeg_bytes
from tests.news.news_fixtures import news_index_for, publish_article


def make_image(title: str) -> Image:
    buffer = io.BytesIO(jpeg_bytes((1200, 800), (30, 90, 140)))
    return Image.objects.create(title=title, file=ImageFile(buffer, name="tram-y-te.jpg"))


def test_news_index_and_article_pass_axe(live_network, page, axe_check):
    agency = live_network.by_slug["so-y-te"]
    index = news_index_for(agency)
    category = NewsCategory.objects.create(name="Y tế – Sức khỏe", name_en="Health", slug="y-te")
    photo = make_image("Cán bộ trạm y tế phun hóa chất diệt muỗi")
    article = publish_article(
        index,
        "Sở Y tế ra quân phòng chống sốt xuất huyết",
        slug="phong-chong-sot-xuat-huyet",
        date=datetime.date(2026, 3, 10),
        author="Nguyễn Thị Lan",
        featured_image=photo,
        categories=[category],
        tags=["sốt xuất huyết"],
        body=[
            ("paragraph", "<p>Người dân cần loại bỏ dụng cụ chứa nước đọng quanh nhà.</p>"),
            (
                "image",
                {
                    "image": photo,
                    "caption": "Phun hóa chất tại phường Bắc Hà",
                    "credit": "Trung tâm Kiểm soát bệnh tật",
                    "alt": "Cán bộ y tế mặc đồ bảo hộ phun hóa chất trong ngõ",
                },
            ),
        ],
    )
    for n in range(3):
        publish_article(index, f"Lịch tiêm chủng tuần {n + 1}", date=datetime.date(2026, 3, n + 1))

    site = live_network.site_url("so-y-te")
    page.goto(f"{site}/tin-tuc/")
    assert page.locator("h1").first.inner_text() == "Tin tức – Sự kiện"
    assert page.get_by_role("link", name=article.title).count() == 1
    axe_check(page, "news index")

    page.get_by_role("link", name="Y tế – Sức khỏe").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/tin-tuc/chuyen-muc/y-te/")
    axe_check(page, "news category")

    page.get_by_role("link", name=article.title).click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == article.title
    assert page.locator("figcaption").first.inner_text().startswith("Phun hóa chất tại phường Bắc Hà")
    assert page.locator('meta[property="og:image"]').get_attribute("content").startswith(site)
    axe_check(page, "news article")

    # The portal home lists it among the network's news.
    page.goto(live_network.url + "/")
    assert page.get_by_role("link", name=article.title).first.get_attribute("href") == (
        f"{site}/tin-tuc/phong-chong-sot-xuat-huyet/"
    )
    axe_check(page, "portal home with news")


def test_untranslated_article_in_english_shows_notice(live_network, page, axe_check):
    index = news_index_for(live_network.by_slug["so-y-te"])
    publish_article(index, "Khám sàng lọc miễn phí cho người cao tuổi", slug="kham-sang-loc")
    page.goto(live_network.site_url("so-y-te") + "/en/tin-tuc/kham-sang-loc/")
    assert page.locator("html").get_attribute("lang") == "en"
    notice = page.get_by_role("note")
    assert "has not been translated" in notice.inner_text()
    assert page.locator('div[lang="vi"] h1').inner_text() == "Khám sàng lọc miễn phí cho người cao tuổi"
    axe_check(page, "English fallback")
