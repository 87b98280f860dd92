"""Feedback's wiring: the question at the end of a page, the admin report per agency."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.slots import hook_name
from sites import hooks as site_hooks

from . import admin_views
from .views import asks_feedback


@hooks.register(hook_name("page_end"))
def ask_feedback(context) -> str:
    """The same markup for every visitor (no token, no cookie): the page stays in the page cache."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None) or not asks_feedback(page):
        return ""
    return render_to_string(
        "feedback/includes/ask.html",
        {"page_id": page.pk, "action": reverse("feedback:form"), "script": static("feedback/feedback.js")},
    )


@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    return [path("y-kien-ve-trang/", include(admin_views.urlpatterns))]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report():
    return FeedbackMenuItem(_("Ý kiến về trang"), reverse("feedback_admin:index"), icon_name="help", order=700)


@hooks.register(site_hooks.AGENCY_ROLE_PERMISSIONS)
def feedback_permissions():
    """An agency's editors and moderators read their own pages' feedback (the report filters by agency)."""
    perm = [("feedback", "view_pagefeedback")]
    return {"editors": perm, "moderators": perm}
