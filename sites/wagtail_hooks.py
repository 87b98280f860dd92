"""Confine agency staff to their own agency in the admin, and register the registry."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_scope import user_page_roots_q
from .models import Agency
from .provisioning import provision_agency


@hooks.register("construct_page_chooser_queryset")
def only_own_agency_pages(pages, request):
    """Plain Wagtail lets every editor choose any site's pages (wagtail #1058, #7099)."""
    q = user_page_roots_q(request.user)
    return pages if q is None else pages.filter(q)


@hooks.register("construct_explorer_page_queryset")
def only_own_agency_pages_in_explorer(parent_page, pages, request):
    q = user_page_roots_q(request.user)
    if q is None:
        return pages
    # Keep the tree root visible so the explorer can be entered; hide other agencies.
    return pages.filter(q | Q(depth=1))


class AgencyCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        provision_agency(instance)
        return instance


class AgencyEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        provision_agency(instance)
        return instance


class AgencyViewSet(ModelViewSet):
    """The provincial administrator's registry: saving an agency provisions its site."""

    model = Agency
    icon = "site"
    menu_label = _("Cơ quan, đơn vị")
    menu_order = 800
    add_to_admin_menu = True
    add_view_class = AgencyCreateView
    edit_view_class = AgencyEditView
    list_display = ["name", "kind", "hostname", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_en", "slug", "hostname"]
    form_fields = ["slug", "name", "name_en", "site_name", "kind", "parent", "hostname", "address", "phone", "email"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return AgencyViewSet("agencies")


@hooks.register("portal_admin_user_cache_attrs")
def admin_user_cache_attrs():
    """Answers this app leaves on the user object, kept across admin requests (core/admin_cache.py)."""
    return ("_approval_task_memberships", "_agency_home_pages")
