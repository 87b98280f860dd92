"""Scheduled publishing: an approved article with a future “go live” date appears when `publish_scheduled` runs."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from news.models import NewsArticlePage

YTE = "soyte.hatinh.localhost"


def test_article_goes_live_when_publish_scheduled_runs(client, news_indexes):
    index = news_indexes["so-y-te"]
    go_live = timezone.now() + datetime.timedelta(hours=2)
    article = NewsArticlePage(
        title="Thông báo lịch tiêm vắc xin sởi",
        slug="lich-tiem-vac-xin-soi",
        lead="Lịch tiêm vắc xin sởi cho trẻ 9 tháng tuổi.",
        body=[("paragraph", "<p>Các trạm y tế xã tổ chức tiêm vào thứ Bảy.</p>")],
        go_live_at=go_live,
        live=False,
    )
    index.add_child(instance=article)
    revision = article.save_revision()
    revision.publish()  # what approval does: with a future go-live date, the revision is scheduled
    article.refresh_from_db()
    revision.refresh_from_db()
    assert not article.live
    assert revision.approved_go_live_at == go_live

    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live, "not before its time"
    assert client.get("/tin-tuc/lich-tiem-vac-xin-soi/", HTTP_HOST=YTE).status_code == 404
    assert article.title not in client.get("/tin-tuc/rss/", HTTP_HOST=YTE).content.decode()

    # Two hours later (moved back instead of waiting), the cron job runs again.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert client.get("/tin-tuc/lich-tiem-vac-xin-soi/", HTTP_HOST=YTE).status_code == 200
    assert article.title in client.get("/tin-tuc/rss/", HTTP_HOST=YTE).content.decode()
    assert article.title in client.get("/", HTTP_HOST="hatinh.localhost").content.decode()
