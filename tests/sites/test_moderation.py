"""Editors submit, their own agency's moderators publish: the per-agency workflow."""

from django.urls import reverse

from wagtail.models import Page, TaskState

from home.models import StandardPage


def create_and_submit(client, parent):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk]),
        {
            "title": "Lịch tiếp công dân tháng 12",
            "slug": "lich-tiep-cong-dan",
            "intro": "",
            "body-count": "0",
            "action-submit": "1",
        },
    )


def test_editor_submits_and_own_moderator_publishes(client, network, editor, moderator, make_user):
    health = network["so-y-te"]
    client.force_login(editor)
    response = create_and_submit(client, health.home_page)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="lich-tiep-cong-dan")
    assert not page.live
    assert page.current_workflow_state.workflow.name == "Kiểm duyệt – so-y-te"

    # The editor cannot publish it directly.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": page.title, "slug": page.slug, "intro": "", "body-count": "0", "action-publish": "1"},
    )
    assert not Page.objects.get(pk=page.pk).live

    # A moderator of another agency cannot approve it.
    other_moderator = make_user("moderator-gtvt", network["so-gtvt"].moderators_group)
    task_state = TaskState.objects.get(workflow_state=page.current_workflow_state, status="in_progress")
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.force_login(other_moderator)
    response = client.post(approve_url, {"comment": ""})
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=page.pk).live

    client.force_login(moderator)
    response = client.post(approve_url, {"comment": "Đồng ý đăng."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get("/lich-tiep-cong-dan/", HTTP_HOST="soyte.hatinh.localhost").status_code == 200


def test_only_the_agencys_moderators_have_the_submission_to_review(client, network, editor, moderator, make_user):
    """``TaskState.objects.reviewable_by`` (answered in one subquery, sites.admin_scope) as Wagtail answers it."""
    client.force_login(editor)
    assert create_and_submit(client, network["so-y-te"].home_page).status_code == 302
    page = StandardPage.objects.get(slug="lich-tiep-cong-dan")
    task_state = TaskState.objects.get(workflow_state=page.current_workflow_state, status="in_progress")
    other_moderator = make_user("moderator-gtvt", network["so-gtvt"].moderators_group)
    admin = make_user("quan-tri", superuser=True)

    assert list(TaskState.objects.reviewable_by(moderator)) == [task_state]
    assert list(TaskState.objects.reviewable_by(admin)) == [task_state]
    assert not TaskState.objects.reviewable_by(other_moderator).exists()
    assert not TaskState.objects.reviewable_by(editor).exists()

    # The dashboard's "awaiting your review" panel lists it for the agency's moderator only.
    client.force_login(moderator)
    assert page.title in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(other_moderator)
    assert page.title not in client.get(reverse("wagtailadmin_home")).content.decode()
