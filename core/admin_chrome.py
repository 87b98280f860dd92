"""The admin's frame for an agency's staff: their agency's name and logo, an initials avatar, our guide.

- Avatars: Gravatar is off (``WAGTAIL_GRAVATAR_PROVIDER_URL = None``: the
  Content-Security-Policy allows no third-party images, and civil servants'
  addresses should not be sent to a US service), so instead of Wagtail's grey
  silhouette each user gets a circle with their initials, as an inline SVG.
  An uploaded profile picture still wins.
- Branding: the sidebar shows the agency's logo (its ``SiteSettings.logo``) or,
  without one, its initials; the browser title and the dashboard name the
  agency's site.
- Help: the "Help" menu leads to the project's guide (docs/huong-dan/, served
  by ``core.guide``) instead of Wagtail's English editor guide.
"""

from __future__ import annotations

import hashlib
from base64 import b64encode
from html import escape

from django.utils.translation import gettext_lazy as _

#: Background colours of the initials avatar, all with white text above 4.5:1 (WCAG AA).
AVATAR_COLOURS = ["#a3161a", "#1d4f91", "#0f6b3d", "#6b2c91", "#8a4b08", "#005f73", "#5c4033", "#3d4a5c"]


def initials(text: str) -> str:
    """“Nguyễn Văn An” → “NA”; “bientap.soyte” → “BS”; one word → its first two letters."""
    words = [w for w in text.replace(".", " ").replace("_", " ").replace("-", " ").split() if w]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def display_name(user) -> str:
    full = f"{user.first_name} {user.last_name}".strip() if hasattr(user, "first_name") else ""
    return full or user.get_username()


def initials_svg(text: str, key: str, size: int = 50) -> str:
    colour = AVATAR_COLOURS[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(AVATAR_COLOURS)]
    letters = escape(initials(text))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 100 100">'
        f'<circle cx="50" cy="50" r="50" fill="{colour}"/>'
        f'<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        f'font-family="Arial, Helvetica, sans-serif" font-size="42" font-weight="700">{letters}</text></svg>'
    )


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + b64encode(svg.encode()).decode()


def avatar_url(user, size: int) -> str | None:
    """Wagtail's ``get_avatar_url`` hook: None lets an uploaded picture (or Gravatar, if on) through."""
    from django.conf import settings

    if user is None:  # a log entry of the system: Wagtail's neutral picture
        return None
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    if getattr(settings, "WAGTAIL_GRAVATAR_PROVIDER_URL", None) and user.email:
        return None
    return data_uri(initials_svg(display_name(user), user.get_username(), size))


def admin_agencies(user) -> list:
    """The user's active agencies, by id, with their sites and site settings: one query per request.

    Both the admin's frame (``agency_for_user``, ``agency_logo_url``) and the
    dashboard (``core.dashboard.staff_agency_ids``) read them from here; cached
    on the user object for the request.
    """
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return []
    cached = getattr(user, "_admin_agencies", None)
    if cached is None:
        from sites.models import Agency

        # ``for_user`` is DISTINCT; as a subquery it leaves the outer query free to join the settings.
        own = Agency.objects.for_user(user).values("pk")
        cached = list(
            Agency.objects.filter(pk__in=own, is_active=True)
            .select_related("site", "site__sitesettings", "site__sitesettings__logo")
            .order_by("pk")
        )
        user._admin_agencies = cached
    return cached


def agency_for_user(user):
    """The agency whose admin the user works in (the first, by id, if several); None for the province."""
    if user is None:
        return None
    agencies = admin_agencies(user)
    return agencies[0] if agencies else None


def agency_logo_url(agency) -> str | None:
    """The agency's logo for the admin's frame; asked once per request (cached on the agency object)."""
    from .models import SiteSettings

    if agency is None or agency.site_id is None:
        return None
    cached = getattr(agency, "_admin_logo_url", False)
    if cached is not False:
        return cached
    site = agency.site
    if "sitesettings" in site._state.fields_cache:  # joined by ``admin_agencies``
        settings_row = site._state.fields_cache["sitesettings"]
    else:
        settings_row = SiteSettings.objects.filter(site_id=agency.site_id).select_related("logo").first()
    url = None
    if settings_row is not None and settings_row.logo is not None:
        url = settings_row.logo.get_rendition("max-160x160").url
    agency._admin_logo_url = url
    return url


def guide_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Hướng dẫn sử dụng"), reverse("portal_guide:index"), icon_name="help", order=900, name="portal-guide"
    )


#: Wagtail's help items that point to its English site.
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


def construct_help_menu(request, items: list) -> None:
    items[:] = [item for item in items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]


def _login_form():
    from django.utils.translation import gettext_lazy

    from wagtail.admin.forms.auth import LoginForm

    class AdminLoginForm(LoginForm):
        """Wagtail's login form, whose password field has no label: Django then shows "Password" untranslated."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["password"].label = gettext_lazy("Password")
            name = str(self.username_field.verbose_name).lower()
            self.fields["username"].widget.attrs["placeholder"] = gettext_lazy("Enter your %(username_field_name)s") % {
                "username_field_name": name
            }

    return AdminLoginForm


#: ``WAGTAILADMIN_USER_LOGIN_FORM`` (config/settings/base.py).
AdminLoginForm = _login_form()
