"""Core's part of every agency site (settings row, translation right), and the admin's dashboard and frame."""

from django.urls import include, path

from wagtail import hooks

from sites import hooks as site_hooks

from . import admin_chrome, dashboard, guide
from .models import SiteSettings


@hooks.register(site_hooks.PROVISION_AGENCY, order=0)
def ensure_site_settings(agency) -> bool:
    _settings, created = SiteSettings.objects.get_or_create(
        site=agency.site,
        defaults={"address": agency.address, "hotline": agency.phone, "email": agency.email},
    )
    return created


@hooks.register(site_hooks.AGENCY_ROLE_PERMISSIONS)
def translation_permissions():
    """Agency editors and moderators use wagtail-localize's “Translate this page” on their own pages."""
    perm = ("wagtail_localize", "submit_translation")
    return {"editors": [perm], "moderators": [perm]}


# The dashboard, about the user's own agency (core.dashboard).
hooks.register("construct_homepage_summary_items", dashboard.construct_summary_items, order=100)
hooks.register("construct_homepage_panels", dashboard.construct_panels)
hooks.register(site_hooks.NETWORK_ALERTS, dashboard.overdue_dossier_alerts)

# The admin's frame: initials avatars, the agency's branding, our guide under "Help" (core.admin_chrome).
hooks.register("get_avatar_url", admin_chrome.avatar_url)
hooks.register("register_help_menu_item", admin_chrome.guide_menu_item)
hooks.register("construct_help_menu", admin_chrome.construct_help_menu)


@hooks.register("register_admin_urls")
def guide_urls():
    return [path("huong-dan/", include((guide.urlpatterns, "portal_guide"), namespace="portal_guide"))]
