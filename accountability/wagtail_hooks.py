"""Accountability's wiring: the rating invitation on the lookup page and in the result notice, the rating on the dossier."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from wagtail import hooks

from core.slots import hook_name

from .models import Rating

RATABLE = ("result_returned", "rejected")


def rating_url(dossier, *, absolute: bool = False) -> str:
    url = f"{reverse('accountability:rate')}?code={dossier.receipt_code}"
    if absolute:
        return f"{dossier.agency.root_url}{url}"
    return url


@hooks.register(hook_name("page_end"))
def invite_rating_on_lookup(context) -> str:
    """On the lookup page (its context holds the looked-up ``dossier``): settled and not rated yet → the link."""
    dossier = context.get("dossier")
    if dossier is None or getattr(dossier, "_meta", None) is None or dossier._meta.label != "online_services.Dossier":
        return ""
    if dossier.status not in RATABLE or Rating.objects.filter(dossier_id=dossier.pk).exists():
        return ""
    return render_to_string("accountability/includes/lookup_rating.html", {"url": rating_url(dossier)})


@hooks.register(hook_name("dossier_notice"))
def invite_rating_in_notice(context) -> str:
    """The result notice (result returned, or rejected) carries the rating link, in the dossier's language."""
    dossier = context.get("dossier")
    if dossier is None or context.get("event") not in RATABLE:
        return ""
    return "\n{}: {}\n".format(gettext("Đánh giá mức độ hài lòng"), rating_url(dossier, absolute=True))


@hooks.register(hook_name("dossier_admin"))
def show_rating_to_officers(context) -> str:
    """The officer's dossier page shows the citizen's rating (or that there is none yet)."""
    dossier = context.get("dossier")
    if dossier is None:
        return ""
    rating = Rating.objects.filter(dossier_id=dossier.pk).first()
    return render_to_string("accountability/admin/dossier_rating.html", {"rating": rating, "dossier": dossier})


@hooks.register("register_admin_urls")
def register_leadership_urls():
    from django.urls import include, path

    from . import admin_views

    return [path("dieu-hanh/", include((admin_views.urlpatterns, "accountability_admin")))]


@hooks.register("register_reports_menu_item")
def register_leadership_menu_item():
    from django.utils.translation import gettext_lazy as _

    from wagtail.admin.menu import MenuItem

    from . import admin_views

    class LeadershipMenuItem(MenuItem):
        def is_shown(self, request):
            # no query on every admin page: the full check (the user's agencies) is the view's
            return admin_views.may_see_menu(request.user)

    return LeadershipMenuItem(
        _("Tình hình giải quyết hồ sơ"), reverse("accountability_admin:index"), icon_name="table", order=650
    )
