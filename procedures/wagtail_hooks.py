"""Admin wiring of the catalogue: the field taxonomy as a snippet, the import screen for superusers."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sites import hooks as site_hooks

from .importing import admin as import_admin
from .models import ProcedureField, ProcedureIndexPage


class ProcedureFieldViewSet(SnippetViewSet):
    """Lĩnh vực: managed by the provincial administrator (model permissions), used by every agency."""

    model = ProcedureField
    icon = "tag"
    menu_label = _("Lĩnh vực thủ tục")
    menu_name = "procedure-fields"
    add_to_admin_menu = False
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = ["name"]


register_snippet(ProcedureFieldViewSet)


@hooks.register("register_admin_urls")
def register_import_urls():
    return import_admin.admin_urls()


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return SuperuserMenuItem(_("Nhập thủ tục hành chính"), import_admin.upload_url(), icon_name="download", order=900)


@hooks.register(site_hooks.PROVISION_AGENCY, order=20)
def provision_catalogue(agency) -> bool:
    """Every site opens with its procedure catalogue, in both languages."""
    return ProcedureIndexPage.ensure_for(agency)[1]
