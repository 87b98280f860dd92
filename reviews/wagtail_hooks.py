"""Reviews' wiring: the report of pages due, and the dashboard panel of an editor's overdue pages."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core.admin_fragments import kept_for_user

from . import views
from .due import due_pages


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("ra-soat-noi-dung/", views.due_report, name="reviews_due")]


@hooks.register("register_reports_menu_item")
def register_review_report():
    return MenuItem(_("Trang đến hạn rà soát"), reverse("reviews_due"), icon_name="date", order=710)


class OverduePanel(Component):
    name = "overdue_reviews"
    template_name = "reviews/overdue_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def rows(self) -> list:
        """The overdue pages, asked once per panel (``render_html`` and the template both need them)."""
        if not hasattr(self, "_rows"):
            self._rows = due_pages(self.user, overdue_only=True, limit=10)
        return self._rows

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = self.rows()
        context["report_url"] = reverse("reviews_due")
        return context

    def render_html(self, parent_context=None):
        """Kept per user while no page is saved and no permission changes, for the day (core.admin_fragments).

        Its rows are the user's agencies' live pages with a review date: a page
        saved, published, moved or deleted moves the listing generation, a
        change of agency or group the admin generation, and "overdue" follows
        the date.
        """
        return kept_for_user("reviews.overdue", self.user, lambda: self._render(parent_context), timezone.localdate())

    def _render(self, parent_context):
        if not self.rows():
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    panels.append(OverduePanel(request.user))


@hooks.register("portal_admin_user_cache_attrs")
def admin_user_cache_attrs():
    """The user's agencies for the pages due for review, kept across admin requests (core/admin_cache.py)."""
    return ("_review_agency_ids",)
