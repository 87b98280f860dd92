"""Alerts' wiring: the banner on every page, the page cache's clock, and the admin scoped per agency."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from core.prefetch import PREFETCH_HOOK
from core.slots import hook_name
from sites import hooks as site_hooks
from sites.models import Agency

from . import schedule
from .models import Alert

NETWORK_PERMISSION = "alerts.publish_network_alert"


@hooks.register(PREFETCH_HOOK)
def alerts_prefetch():
    return [schedule.STATE_KEY]


@hooks.register("page_cache_variant")
def alerts_variant(request):
    return schedule.page_cache_variant(request)


def _localised(alert: dict, english: bool) -> dict:
    def pick(name):
        return (english and alert.get(f"{name}_en")) or alert[name]

    return {
        **alert,
        "key": f"{alert['id']}-{alert['updated']}",
        "title": pick("title"),
        "message": pick("message"),
        "link_text": pick("link_text"),
        "dismissible": alert["level"] != Alert.Level.EMERGENCY,
    }


@hooks.register(hook_name("top"))
def alert_banners(context) -> str:
    """The alerts of this site, from the cache (no query); the agency is the one base.html already looked up."""
    agency = context.get("agency")
    alerts = schedule.current(getattr(agency, "pk", None), request=context.get("request"))
    if not alerts:
        return ""
    english = (get_language() or "vi")[:2] == "en"
    levels = dict(Alert.Level.choices)
    items = [{**_localised(a, english), "level_label": levels.get(a["level"], "")} for a in alerts]
    return render_to_string("alerts/banners.html", {"alerts": items})


def _user_agencies(user):
    return Agency.objects.for_user(user)


def _can_publish_network(user) -> bool:
    return user.is_superuser or user.has_perm(NETWORK_PERMISSION)


class AlertForm(WagtailAdminModelForm):
    """An agency editor picks one of their own agencies; only the province's administrators post network-wide."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        field = self.fields.get("agency")
        if user is None or field is None:
            return
        if not user.is_superuser:
            field.queryset = _user_agencies(user)
        if not _can_publish_network(user):
            field.required = True
            field.empty_label = None

    def clean_agency(self):
        agency = self.cleaned_data.get("agency")
        user = getattr(self, "for_user", None)
        if user is not None and agency is None and not _can_publish_network(user):
            raise forms.ValidationError(_("Chỉ quản trị viên cấp tỉnh được đăng thông báo trên toàn tỉnh."))
        return agency


def scoped_alerts(user):
    qs = Alert.objects.select_related("agency")
    if user.is_superuser:
        return qs
    visible = qs.filter(agency__in=_user_agencies(user))
    if _can_publish_network(user):
        visible = visible | qs.filter(agency__isnull=True)
    return visible


class ScopedEditView(EditView):
    def get_queryset(self):
        return scoped_alerts(self.request.user)


class ScopedDeleteView(DeleteView):
    def get_queryset(self):
        return scoped_alerts(self.request.user)


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Thông báo khẩn")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "level", "agency", "starts_at", "ends_at"]
    list_filter = ["level"]
    edit_handler = ObjectList(Alert.panels, base_form_class=AlertForm)
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView

    def get_queryset(self, request):
        return scoped_alerts(request.user)


register_snippet(AlertViewSet)


@hooks.register(site_hooks.AGENCY_ROLE_PERMISSIONS)
def alert_permissions():
    """An agency's editors and moderators post their own alerts (the form limits them to their agency)."""
    perms = [("alerts", "add_alert"), ("alerts", "change_alert"), ("alerts", "delete_alert")]
    return {"editors": perms, "moderators": perms}
