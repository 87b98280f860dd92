"""The leadership's page in the admin (trang điều hành tác nghiệp): the public figures plus what only staff need.

The provincial administrator (superuser) sees the whole network; an agency's
staff who see dossiers (officers, ``online_services.view_dossier``) see their
own agencies (``Agency.objects.for_user``). Besides the
public page's charts and tables: the procedures' publication figures
(published, complete record, form templates attached, level 3 or above),
the overdue dossiers by agency with links into the queue, and the service
index with its formulas.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sites.models import Agency

from . import charts, index
from .figures import PeriodError, cached_figures, parse_period

app_name = "accountability_admin"


def agencies_for(user):
    """None for the whole network (superusers); otherwise the user's agencies (empty: no access)."""
    if user.is_superuser:
        return None
    return list(Agency.objects.for_user(user).values_list("pk", flat=True))


def may_see_menu(user) -> bool:
    """Cheap (the permission cache the admin already filled): superusers, and staff who see dossiers."""
    return user.is_active and (user.is_superuser or user.has_perm("online_services.view_dossier"))


def can_view(user) -> bool:
    return may_see_menu(user) and (user.is_superuser or bool(agencies_for(user)))


def publication_figures(agency_ids) -> dict:
    """Live Vietnamese procedures: published, complete record, with form templates, level ≥ 3 (one query)."""
    ProcedurePage = apps.get_model("procedures", "ProcedurePage")
    Component = apps.get_model("procedures", "DossierComponent")
    qs = ProcedurePage.objects.live().filter(locale__language_code="vi").order_by()
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    has_component = Exists(Component.objects.filter(page=OuterRef("pk")))
    has_form = Exists(Component.objects.filter(page=OuterRef("pk"), form__isnull=False))
    complete = Q(has_component=True) & ~Q(result="") & ~Q(processing_time="")
    row = qs.annotate(has_component=has_component, has_form=has_form).aggregate(
        published=Count("pk"),
        complete=Count("pk", filter=complete),
        with_forms=Count("pk", filter=Q(has_form=True)),
        online=Count("pk", filter=Q(level__gte=3)),
    )
    total = row["published"]
    for key in ("complete", "with_forms", "online"):
        row[f"{key}_rate"] = round(100 * row[key] / total, 1) if total else None
    return row


def leadership(request):
    if not can_view(request.user):
        raise PermissionDenied
    agency_ids = agencies_for(request.user)
    error = None
    try:
        period = parse_period(request.GET, timezone.localdate())
    except PeriodError as exc:
        error, period = str(exc), parse_period({}, timezone.localdate())
    scope = "network" if agency_ids is None else "agencies-" + "-".join(map(str, sorted(agency_ids)))
    figures = cached_figures(period, agency_ids=agency_ids, scope=scope)
    now = cached_figures(parse_period({}, timezone.localdate()), agency_ids=agency_ids, scope=scope)
    for item in figures.agencies + now.agencies:
        item["label"] = item["name"]
    for item in figures.fields:
        item["label"] = item["field"]
    try:
        queue = reverse("dossier_queue:index")
    except NoReverseMatch:
        queue = ""
    overdue = sorted((a for a in now.agencies if a["in_progress_overdue"]), key=lambda a: -a["in_progress_overdue"])
    context = {
        "figures": figures,
        "totals": figures.totals,
        "period": period,
        "error": error,
        "network": agency_ids is None,
        "trend_chart": charts.line_chart(
            figures.trend, [("received", _("Hồ sơ tiếp nhận")), ("on_time", _("Giải quyết đúng hạn"))]
        ),
        "agency_chart": charts.bar_chart(figures.agencies, value_key="on_time_rate", label_key="label"),
        "index": index.components(figures.totals, figures.procedures),
        "publication": publication_figures(agency_ids),
        "overdue": overdue,
        "queue_overdue": f"{queue}?due=overdue" if queue else "",
        "form_from": request.GET.get("from", "")[:10],
        "form_to": request.GET.get("to", "")[:10],
    }
    return TemplateResponse(request, "accountability/admin/leadership.html", context, status=400 if error else 200)


urlpatterns = [path("", leadership, name="index")]
