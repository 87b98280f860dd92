"""Public consultation on draft documents: comments held for moderation, closed after the deadline."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from sections import factories as f
from sections.models import ConsultationComment

HOST = "soyte.hatinh.localhost"


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


@pytest.fixture
def draft(network):
    file = f.text_document("Dự thảo quy định", "Nội dung dự thảo")
    return f.consultation(
        network["so-y-te"].home_page,
        title="Dự thảo Quyết định quy định giá dịch vụ khám bệnh",
        summary="Lấy ý kiến về mức giá dịch vụ khám bệnh, chữa bệnh.",
        closes_in=timedelta(days=10),
        draft_file=file,
    )


def comment(client, page, **overrides):
    data = {"name": "Lê Văn Cường", "organisation": "", "email": "cuong@example.vn", "body": "Đề nghị bổ sung mức giá."}
    data.update(overrides)
    return client.post(page.url, data, HTTP_HOST=HOST)


def test_comment_is_held_until_a_moderator_publishes_it(client, draft, moderator, editor):
    response = comment(client, draft)
    assert response.status_code == 302
    item = ConsultationComment.objects.get()
    assert item.status == ConsultationComment.Status.PENDING
    assert item.agency.slug == "so-y-te"
    html = client.get(draft.url, HTTP_HOST=HOST).content.decode()
    assert "Đề nghị bổ sung mức giá." not in html
    assert draft.draft_file.url in html

    # Editors read comments but do not moderate them.
    client.force_login(editor)
    assert "Lê Văn Cường" in client.get(reverse("consultation-comments:index")).content.decode()
    response = client.post(
        reverse("consultation-comments:edit", args=[item.pk]), {"body": item.body, "status": "published"}
    )
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == ConsultationComment.Status.PENDING

    client.force_login(moderator)
    response = client.post(
        reverse("consultation-comments:edit", args=[item.pk]), {"body": item.body, "status": "published"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ConsultationComment.Status.PUBLISHED
    assert item.moderated_by == moderator

    client.logout()
    html = client.get(draft.url, HTTP_HOST=HOST).content.decode()
    assert "Đề nghị bổ sung mức giá." in html
    assert "cuong@example.vn" not in html


def test_comments_close_after_the_deadline(client, draft):
    draft.closes_at = timezone.now() - timedelta(minutes=1)
    draft.save_revision().publish()
    html = client.get(draft.url, HTTP_HOST=HOST).content.decode()
    assert "Đã hết hạn góp ý cho dự thảo này." in html
    assert 'name="body"' not in html
    response = comment(client, draft)
    assert response.status_code == 403
    assert ConsultationComment.objects.count() == 0


def test_an_open_draft_shows_the_form_and_the_index_lists_it(client, draft):
    html = client.get(draft.url, HTTP_HOST=HOST).content.decode()
    assert 'name="body"' in html
    assert "Đang lấy ý kiến" in html
    index_html = client.get(draft.get_parent().url, HTTP_HOST=HOST).content.decode()
    assert "Dự thảo Quyết định quy định giá dịch vụ khám bệnh" in index_html


def test_comment_html_is_escaped(client, draft, moderator):
    comment(client, draft, body="<script>alert(1)</script>")
    item = ConsultationComment.objects.get()
    item.status = ConsultationComment.Status.PUBLISHED
    item.save()
    html = client.get(draft.url, HTTP_HOST=HOST).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_honeypot_and_rate_limit(client, draft):
    from sections import views as section_views

    assert comment(client, draft, website="x").status_code == 302
    assert ConsultationComment.objects.count() == 0
    for _ in range(section_views.RATE_LIMIT - 1):
        assert comment(client, draft).status_code == 302
    assert comment(client, draft).status_code == 429


def test_staff_inspect_only_their_own_agencys_comments(client, draft, editor, network, make_user):
    comment(client, draft)
    item = ConsultationComment.objects.get()
    client.force_login(editor)
    response = client.get(reverse("consultation-comments:inspect", args=[item.pk]))
    assert response.status_code == 200
    assert "cuong@example.vn" in response.content.decode()  # staff see the private contact

    other = make_user("moderator-gtvt", network["so-gtvt"].moderators_group)
    client.force_login(other)
    assert client.get(reverse("consultation-comments:inspect", args=[item.pk])).status_code == 404
    assert client.get(reverse("consultation-comments:edit", args=[item.pk])).status_code == 404
    assert "Lê Văn Cường" not in client.get(reverse("consultation-comments:index")).content.decode()
    response = client.post(reverse("consultation-comments:edit", args=[item.pk]), {"body": "x", "status": "published"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == ConsultationComment.Status.PENDING
