"""Featured news: an agency proposes, the portal's moderators approve, the portal shows it."""

import re

import pytest

from django.core import mail
from django.urls import reverse

from news.models import PortalFeature
from tests.news.news_fixtures import publish_article

PORTAL = "hatinh.localhost"


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def featured_section(html: str) -> str:
    match = re.search(r'<section class="featured-news".*?</section>', html, re.S)
    return match.group(0) if match else ""


@pytest.fixture
def portal_moderator(network, make_user):
    user = make_user("kiemduyet-tinh", network["ha-tinh"].moderators_group)
    user.email = "kiemduyet@hatinh.example"
    user.save()
    return user


def test_proposal_waits_for_portal_moderators(client, news_indexes, portal_moderator, editor, moderator):
    mail.outbox.clear()
    proposed = publish_article(news_indexes["so-y-te"], "Bệnh viện tỉnh ghép thận thành công", propose_for_portal=True)
    plain = publish_article(news_indexes["so-y-te"], "Lịch tiếp công dân tháng 3")
    feature = PortalFeature.objects.get(article=proposed)
    assert feature.status == PortalFeature.Status.PROPOSED
    assert not PortalFeature.objects.filter(article=plain).exists()
    notices = [m for m in mail.outbox if "kiemduyet@hatinh.example" in m.to]
    assert len(notices) == 1 and proposed.title in notices[0].subject

    # Not featured yet; it is among the network news like every live article.
    html = client.get("/", HTTP_HOST=PORTAL).content.decode()
    assert proposed.title not in featured_section(html)
    assert proposed.title in html

    # Agency staff cannot decide (the editor, and the agency's own moderator).
    url = reverse("portal_features:index")
    decide = reverse("portal_features:decide", args=(feature.pk,))
    for outsider in (editor, moderator):
        client.force_login(outsider)
        # Wagtail turns PermissionDenied in admin views into a redirect to the dashboard.
        assert client.get(url).status_code in (302, 403)
        assert client.post(decide, {"action": "approve"}).status_code in (302, 403)
    feature.refresh_from_db()
    assert feature.status == PortalFeature.Status.PROPOSED

    client.force_login(portal_moderator)
    queue = client.get(url)
    assert queue.status_code == 200
    assert proposed.title in queue.content.decode()
    response = client.post(decide, {"action": "approve", "comment": "Tin hay, đưa lên trang chủ."})
    assert response.status_code == 302
    feature.refresh_from_db()
    assert feature.status == PortalFeature.Status.APPROVED
    assert feature.decided_by == portal_moderator
    assert feature.comment == "Tin hay, đưa lên trang chủ."

    client.logout()
    html = client.get("/", HTTP_HOST=PORTAL).content.decode()
    section = featured_section(html)
    assert proposed.title in section
    assert "http://soyte.hatinh.localhost/tin-tuc/" in section

    # Withdrawn: gone from the featured list.
    client.force_login(portal_moderator)
    client.post(decide, {"action": "reject", "comment": ""})
    client.logout()
    assert proposed.title not in featured_section(client.get("/", HTTP_HOST=PORTAL).content.decode())


def test_bad_action_changes_nothing(client, news_indexes, portal_moderator):
    article = publish_article(news_indexes["so-gtvt"], "Thông xe cầu Cửa Hội", propose_for_portal=True)
    feature = PortalFeature.objects.get(article=article)
    client.force_login(portal_moderator)
    client.post(reverse("portal_features:decide", args=(feature.pk,)), {"action": "delete"})
    feature.refresh_from_db()
    assert feature.status == PortalFeature.Status.PROPOSED
    assert client.get(reverse("portal_features:decide", args=(feature.pk,))).status_code == 405


def test_unpublished_featured_article_leaves_the_portal(client, news_indexes, portal_moderator):
    article = publish_article(news_indexes["so-y-te"], "Tin sẽ bị gỡ xuống", propose_for_portal=True)
    PortalFeature.objects.get(article=article).decide(portal_moderator, approve=True)
    assert article.title in featured_section(client.get("/", HTTP_HOST=PORTAL).content.decode())
    article.unpublish()
    html = client.get("/", HTTP_HOST=PORTAL).content.decode()
    assert article.title not in html


def test_english_portal_features_vietnamese_original_until_translated(client, news_indexes, portal_moderator, locales):
    _vi, en = locales
    article = publish_article(news_indexes["so-y-te"], "Tin chưa có bản tiếng Anh", propose_for_portal=True)
    PortalFeature.objects.get(article=article).decide(portal_moderator, approve=True)
    section = featured_section(client.get("/en/", HTTP_HOST=PORTAL).content.decode())
    assert f">{article.title}</a>" in section
    assert '<li lang="vi">' in section

    index_en = news_indexes["so-y-te"].get_translation_or_none(en) or news_indexes["so-y-te"].copy_for_translation(en)
    index_en.save_revision().publish()
    translation = article.copy_for_translation(en)
    translation.title = "An article now in English"
    translation.save_revision().publish()
    section = featured_section(client.get("/en/", HTTP_HOST=PORTAL).content.decode())
    assert "An article now in English" in section
    assert f">{article.title}</a>" not in section
