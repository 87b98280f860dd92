"""Admin: the portal moderators' queue of news proposed by agencies."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

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


from . import section_hooks  # noqa: E402, F401
