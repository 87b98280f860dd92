"""Admin: query log reports, for superusers (the provincial administrator)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("reports/search-log/", include(admin_urls, namespace="portal_search_reports"))]


@hooks.register("register_reports_menu_item")
def register_top_queries_report():
    return AdminOnlyMenuItem(
        _("Từ khóa tìm kiếm nhiều nhất"),
        reverse("portal_search_reports:top_queries"),
        name="portal-search-top-queries",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_zero_result_queries_report():
    return AdminOnlyMenuItem(
        _("Từ khóa không có kết quả"),
        reverse("portal_search_reports:zero_results"),
        name="portal-search-zero-results",
        icon_name="warning",
        order=1320,
    )
