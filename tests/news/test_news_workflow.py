"""Issue #6, acceptance 1: an editor of Sở Y tế writes and submits; the moderator approves;
the article is on the agency site, in its RSS feed and among the portal's network news.
The editor cannot publish directly. Workflow emails go out; revisions can be compared."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsArticlePage

YTE = "soyte.hatinh.localhost"
PORTAL = "hatinh.localhost"


@pytest.fixture
def network(shared_network):
    """tests/conftest.py's network, built once for this module; each test runs in a savepoint on top."""
    return shared_network


def article_form(title="Sở Y tế triển khai tiêm chủng mở rộng năm 2026", slug="tiem-chung-mo-rong-2026", **extra):
    data = {
        "title": title,
        "slug": slug,
        "date": "2026-03-02",
        "author": "Nguyễn Thị Lan",
        "source": "",
        "lead": "Sở Y tế tổ chức tiêm chủng mở rộng cho trẻ em tại 13 huyện, thị xã, thành phố.",
        "body": streamfield([("paragraph", rich_text("<p>Chiến dịch kéo dài từ tháng 3 đến tháng 5.</p>"))]),
        "tags": "tiêm chủng, trẻ em",
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


@pytest.fixture
def people(network, editor, moderator, make_user):
    editor.email = "bientap@soyte.example"
    editor.save()
    moderator.email = "kiemduyet@soyte.example"
    moderator.save()
    other_moderator = make_user("moderator-gtvt", network["so-gtvt"].moderators_group)
    other_moderator.email = "kiemduyet@sgtvt.example"
    other_moderator.save()
    make_user("superadmin", superuser=True).__class__.objects.filter(username="superadmin").update(email="root@example")
    return editor, moderator


def create_url(index):
    return reverse("wagtailadmin_pages:add", args=("news", "newsarticlepage", index.pk))


def test_editor_cannot_publish_directly(client, people, news_indexes, categories):
    editor, _moderator = people
    index = news_indexes["so-y-te"]
    client.force_login(editor)
    response = client.post(create_url(index), article_form(**{"action-publish": "1"}))
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="tiem-chung-mo-rong-2026")
    assert not article.live
    assert article.first_published_at is None
    assert not PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists()
    # Nor on the edit view afterwards.
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    client.post(edit, article_form(**{"action-publish": "1"}))
    article.refresh_from_db()
    assert not article.live
    assert client.get(f"/tin-tuc/{article.slug}/", HTTP_HOST=YTE).status_code == 404


def test_submit_approve_publishes_everywhere_and_emails(client, people, news_indexes, categories):
    editor, moderator = people
    index = news_indexes["so-y-te"]
    client.force_login(editor)
    mail.outbox.clear()
    response = client.post(
        create_url(index), article_form(categories=[categories["y-te"].pk], **{"action-submit": "1"})
    )
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="tiem-chung-mo-rong-2026")
    assert not article.live
    assert article.agency == news_indexes["so-y-te"].agency
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Kiểm duyệt – so-y-te"

    # The agency's moderator is told, nobody else (not the other agency, not superusers).
    submitted = [m for m in mail.outbox if "kiemduyet@soyte.example" in m.to]
    assert len(submitted) == 1
    assert article.title in submitted[0].subject
    everyone = {address for m in mail.outbox for address in m.to}
    assert everyone == {"kiemduyet@soyte.example"}

    # Not visible before approval.
    assert client.get(f"/tin-tuc/{article.slug}/", HTTP_HOST=YTE).status_code == 404

    # The editor cannot approve their own submission.
    task_state = state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk))
    client.post(approve_url, {"comment": ""})
    article.refresh_from_db()
    assert not article.live

    mail.outbox.clear()
    client.force_login(moderator)
    response = client.post(approve_url, {"comment": "Đồng ý đăng."})
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert any("bientap@soyte.example" in m.to for m in mail.outbox), "the editor hears of the approval"

    client.logout()
    page = client.get(f"/tin-tuc/{article.slug}/", HTTP_HOST=YTE)
    assert page.status_code == 200
    assert "Sở Y tế tổ chức tiêm chủng mở rộng" in page.content.decode()
    listing = client.get("/tin-tuc/", HTTP_HOST=YTE).content.decode()
    assert article.title in listing
    rss = client.get("/tin-tuc/rss/", HTTP_HOST=YTE)
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert article.title in rss.content.decode()
    assert f"http://{YTE}/tin-tuc/{article.slug}/" in rss.content.decode()
    portal = client.get("/", HTTP_HOST=PORTAL).content.decode()
    assert article.title in portal
    assert f"http://{YTE}/tin-tuc/{article.slug}/" in portal


def test_moderator_rejects_with_comment(client, people, news_indexes):
    editor, moderator = people
    client.force_login(editor)
    client.post(create_url(news_indexes["so-y-te"]), article_form(**{"action-submit": "1"}))
    article = NewsArticlePage.objects.get(slug="tiem-chung-mo-rong-2026")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    client.force_login(moderator)
    mail.outbox.clear()
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "reject", state.current_task_state.pk))
    client.post(url, {"comment": "Cần bổ sung nguồn ảnh."})
    article.refresh_from_db()
    state.refresh_from_db()
    assert not article.live
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Cần bổ sung nguồn ảnh."
    assert any("bientap@soyte.example" in m.to for m in mail.outbox)


def test_other_agency_moderator_cannot_approve(client, people, news_indexes, network, make_user):
    editor, _moderator = people
    client.force_login(editor)
    client.post(create_url(news_indexes["so-y-te"]), article_form(**{"action-submit": "1"}))
    article = NewsArticlePage.objects.get(slug="tiem-chung-mo-rong-2026")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    outsider = make_user("outsider", network["so-gtvt"].moderators_group)
    client.force_login(outsider)
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.current_task_state.pk))
    client.post(url, {"comment": ""})
    article.refresh_from_db()
    assert not article.live


def test_revision_history_and_compare(client, people, news_indexes):
    editor, moderator = people
    index = news_indexes["so-y-te"]
    client.force_login(editor)
    client.post(create_url(index), article_form())
    article = NewsArticlePage.objects.get(slug="tiem-chung-mo-rong-2026")
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    client.post(edit, article_form(title="Sở Y tế mở rộng tiêm chủng cho trẻ dưới 5 tuổi"))
    revisions = list(article.revisions.order_by("created_at", "pk"))
    assert len(revisions) == 2
    client.force_login(moderator)
    history = client.get(reverse("wagtailadmin_pages:history", args=(article.pk,)))
    assert history.status_code == 200
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=(article.pk, revisions[0].pk, revisions[1].pk))
    )
    assert compare.status_code == 200
    diff = compare.context["comparison"]
    title_diff = next(c for c in diff if c.field_label() == "Tiêu đề" or getattr(c, "field_name", "") == "title")
    assert title_diff.has_changed()
    rendered = str(title_diff.htmldiff())
    assert "5" in rendered and "2026" in rendered
    assert Page.objects.get(pk=article.pk).draft_title == "Sở Y tế mở rộng tiêm chủng cho trẻ dưới 5 tuổi"
