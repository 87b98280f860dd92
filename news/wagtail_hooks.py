"""News in the admin (the portal moderators' queue of proposals) and in every agency's site."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites import hooks as site_hooks

from . import views
from .setup import ensure_news_index
from .signals import grant_portal_moderation

portal_feature_urls = (
    [
        path("", views.portal_features_index, name="index"),
        path("<int:pk>/decide/", views.portal_feature_decide, name="decide"),
    ],
    "portal_features",
)


@hooks.register("register_admin_urls")
def register_portal_feature_urls():
    return [path("portal-features/", include(portal_feature_urls))]


class PortalFeatureMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_moderate_portal(request.user)


@hooks.register("register_admin_menu_item")
def register_portal_feature_menu_item():
    return PortalFeatureMenuItem(
        _("Đề xuất tin cho cổng tỉnh"), reverse("portal_features:index"), icon_name="pick", order=250
    )


@hooks.register(site_hooks.PROVISION_AGENCY, order=30)
def provision_news(agency) -> bool:
    """Every site opens with its news page, in both languages; the portal's moderators decide proposals."""
    _index, created = ensure_news_index(agency)
    return grant_portal_moderation(agency) or created
