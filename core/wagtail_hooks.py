"""Core's part of every agency site: its settings row, and the right to translate its pages."""

from wagtail import hooks

from sites import hooks as site_hooks

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
