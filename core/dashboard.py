"""The admin dashboard, about the user's own agency.

Plain Wagtail counts pages from the explorer's start and lists what the user
edited; for an agency's staff that was the whole network ("596 Pages") and
nothing about what waits for them. Here:

- the summary counts the agency's own pages, images and documents, and, for
  its one-stop officers, its open and overdue dossiers;
- panels list the user's drafts and what was recently published on the
  agency's sites, next to Wagtail's own "submitted for moderation" and
  "awaiting your review" panels;
- "Việc cần xử lý" gathers what other apps report through
  ``sites.hooks.DASHBOARD_TASKS`` (questions to answer, comments to moderate,
  pages due for review); an app may also add a whole panel with Wagtail's
  ``construct_homepage_panels``, as ``online_services`` does for its queue;
- the provincial administrator (a superuser, or staff of no agency) gets the
  network view: agencies with warnings (``sites.hooks.NETWORK_ALERTS``) and
  sites with nothing published for 90 days.

Feature apps are named by string (``apps.get_model``), never imported.
"""

from __future__ import annotations

import operator
from datetime import timedelta
from functools import reduce

from django.apps import apps
from django.db.models import CharField, Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Cast, Substr
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language_info, ngettext

from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageLogEntry, WorkflowState, get_default_page_content_type

from sites import hooks as site_hooks
from sites.admin_scope import explorer_root_for, user_home_pages, user_page_roots_q
from sites.models import Agency

from .admin_chrome import admin_agencies

#: A site with nothing published for this long is listed in the network view.
STALE_AFTER_DAYS = 90
#: Wagtail's own summary items that count over the whole install; replaced for agency staff.
NETWORK_WIDE_ITEMS = {"PagesSummaryItem", "ImagesSummaryItem", "DocumentsSummaryItem"}


def staff_agency_ids(user) -> list[int]:
    """The ids of ``staff_agencies``: one query per request, cached on the user object for the request."""
    return [agency.pk for agency in admin_agencies(user)]


def staff_agencies(user):
    """The active agencies whose groups the user belongs to (none for a superuser: the network view)."""
    return Agency.objects.filter(pk__in=staff_agency_ids(user)).order_by("pk")


def agency_pages(user):
    """The pages of the user's agencies, in both languages (the home pages included)."""
    q = user_page_roots_q(user)
    pages = Page.objects.all()
    return pages if q is None else pages.filter(q)


def collections_of(agencies):
    roots = Collection.objects.filter(agency__in=agencies)
    q = Q(pk__in=[])
    for root in roots:
        q |= Q(path__startswith=root.path)
    return Collection.objects.filter(q)


def dossier_model():
    try:
        return apps.get_model("online_services", "Dossier")
    except LookupError:
        return None


def open_dossiers(Dossier, dossiers):  # noqa: N803 (a model class)
    """Dossiers not yet settled; the closed statuses are the model's ``CLOSED`` list, else its dead ends."""
    closed = getattr(Dossier, "CLOSED", None)
    if closed is None:
        closed = [status for status, moves in getattr(Dossier, "TRANSITIONS", {}).items() if not moves]
    return dossiers.exclude(status__in=closed)


def overdue(dossiers):
    """Open dossiers past their due date: the first appointment, as ``Dossier.is_overdue`` and the
    officers' panel count them (a late dossier stays late after an apology with a new date)."""
    return dossiers.filter(due_date__lt=timezone.localdate())


def url_or_blank(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


class CountItem(SummaryItem):
    """One figure of the dashboard's summary, with a link to where the things counted are."""

    template_name = "core/dashboard/summary_item.html"

    def __init__(self, request, *, icon: str, text: str, url: str = "", order: int = 100):
        super().__init__(request)
        self.icon, self.text, self.url, self.order = icon, text, url, order

    def get_context_data(self, parent_context=None):
        return {"icon": self.icon, "text": self.text, "url": self.url}


def agency_summary_items(request) -> list[CountItem]:
    user = request.user
    if not staff_agency_ids(user):
        return []
    agencies = staff_agencies(user)
    items = []
    root = explorer_root_for(user)
    if root is not None:
        # The site's pages in the editor's language (the tree the explorer opens on), then each
        # translation tree on its own line: "34 trang", "16 trang tiếng Anh", not one mixed sum.
        homes = sorted(user_home_pages(user), key=lambda h: h.pk != root.pk)
        # Every tree's page count in one query (a home's subtree: the paths that start with its own).
        counts = Page.objects.filter(reduce(operator.or_, [Q(path__startswith=home.path) for home in homes])).aggregate(
            **{f"home_{home.pk}": Count("pk", filter=Q(path__startswith=home.path)) for home in homes}
        )
        for order, home in enumerate(homes):
            count = counts[f"home_{home.pk}"]
            if home.pk == root.pk:
                text = ngettext("%(count)s trang", "%(count)s trang", count) % {"count": count}
            else:
                language = get_language_info(home.locale.language_code)["name_translated"]
                text = ngettext("%(count)s trang (%(language)s)", "%(count)s trang (%(language)s)", count) % {
                    "count": count,
                    "language": language,
                }
            items.append(
                CountItem(
                    request,
                    icon="doc-empty",
                    text=text,
                    url=reverse("wagtailadmin_explore", args=[home.pk]),
                    order=100 + order,
                )
            )
        collections = collections_of(agencies)
        count = get_image_model().objects.filter(collection__in=collections).count()
        items.append(
            CountItem(
                request,
                icon="image",
                text=ngettext("%(count)s hình ảnh", "%(count)s hình ảnh", count) % {"count": count},
                url=reverse("wagtailimages:index"),
                order=200,
            )
        )
        count = get_document_model().objects.filter(collection__in=collections).count()
        items.append(
            CountItem(
                request,
                icon="doc-full-inverse",
                text=ngettext("%(count)s tài liệu", "%(count)s tài liệu", count) % {"count": count},
                url=reverse("wagtaildocs:index"),
                order=300,
            )
        )
    Dossier = dossier_model()  # noqa: N806 (a model class)
    if Dossier is not None and user.has_perm("online_services.view_dossier"):
        dossiers = open_dossiers(Dossier, Dossier.objects.for_user(user))
        queue = url_or_blank("online_services_admin:index")
        count = dossiers.count()
        items.append(
            CountItem(
                request,
                icon="folder-open-inverse",
                text=ngettext("%(count)s hồ sơ đang giải quyết", "%(count)s hồ sơ đang giải quyết", count)
                % {"count": count},
                url=queue,
                order=400,
            )
        )
        late = overdue(dossiers).count()
        items.append(
            CountItem(
                request,
                icon="warning",
                text=ngettext("%(count)s hồ sơ quá hạn", "%(count)s hồ sơ quá hạn", late) % {"count": late},
                url=queue,
                order=410,
            )
        )
    return items


def construct_summary_items(request, items: list) -> None:
    """For agency staff, the figures of their own agency replace Wagtail's network-wide ones."""
    own = agency_summary_items(request)
    if not own:
        return
    items[:] = [item for item in items if type(item).__name__ not in NETWORK_WIDE_ITEMS] + own


class DashboardPanel(Component):
    order = 150

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"request": self.request, "panel": self}


class MyDraftsPanel(DashboardPanel):
    """Pages the user wrote or last saved, with changes not yet published nor sent to moderation."""

    name = "agency_my_drafts"
    template_name = "core/dashboard/my_drafts.html"
    order = 200
    limit = 10

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        user = self.request.user
        in_moderation = WorkflowState.objects.active().filter(
            base_content_type_id=get_default_page_content_type().id,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        context["pages"] = list(
            agency_pages(user)
            .filter(has_unpublished_changes=True)
            .filter(Q(owner=user) | Q(latest_revision__user=user))
            .exclude(Exists(in_moderation))
            .select_related("locale")
            .order_by("-latest_revision_created_at")[: self.limit]
        )
        return context


class TasksPanel(DashboardPanel):
    """What other apps say waits for the user: questions to answer, comments to moderate, …"""

    name = "agency_tasks"
    template_name = "core/dashboard/tasks.html"
    order = 150

    def __init__(self, request, agencies):
        super().__init__(request)
        self.agencies = agencies

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["tasks"] = site_hooks.dashboard_tasks(self.request, self.agencies)
        return context


class RecentlyPublishedPanel(DashboardPanel):
    """The last pages published on the agency's sites, by whom."""

    name = "agency_recently_published"
    template_name = "core/dashboard/recently_published.html"
    order = 260
    limit = 8

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        q = user_page_roots_q(self.request.user)
        entries = PageLogEntry.objects.filter(action="wagtail.publish")
        if q is not None:
            entries = entries.filter(page__in=Page.objects.filter(q))
        context["entries"] = list(
            entries.select_related("page", "page__locale", "user").order_by("-timestamp")[: self.limit]
        )
        return context


class NetworkPanel(DashboardPanel):
    """The provincial administrator's view: agencies needing attention, and sites left unattended."""

    name = "network_overview"
    template_name = "core/dashboard/network.html"
    order = 140

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        agencies = list(
            Agency.objects.active().filter(home_page__isnull=False).select_related("home_page").order_by("name")
        )
        alerts = site_hooks.network_alerts(Agency.objects.filter(pk__in=[a.pk for a in agencies]))
        # The last publication under each home page (and its translations): one grouped query.
        by_root = dict(
            Page.objects.filter(depth__gt=1)
            .annotate(root=Substr("path", 1, Page.steplen * 2))
            .values("root")
            .annotate(last=Max("last_published_at"))
            .values_list("root", "last")
        )
        roots_by_key: dict = {}
        for home in Page.objects.filter(depth=2).values("path", "translation_key"):
            roots_by_key.setdefault(home["translation_key"], []).append(home["path"])
        cutoff = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
        stale = []
        for agency in agencies:
            dates = [by_root.get(path) for path in roots_by_key.get(agency.home_page.translation_key, [])]
            dates = [d for d in dates if d]
            last = max(dates) if dates else None
            if last is None or last < cutoff:
                stale.append((agency, last))
        context.update(
            {
                "alerting": [(a, alerts[a.pk]) for a in agencies if a.pk in alerts],
                "stale": stale,
                "stale_days": STALE_AFTER_DAYS,
                "agency_count": len(agencies),
            }
        )
        return context


def construct_panels(request, panels: list) -> None:
    user = request.user
    if staff_agency_ids(user):
        panels.append(TasksPanel(request, staff_agencies(user)))
        if explorer_root_for(user) is not None:
            panels.append(MyDraftsPanel(request))
            panels.append(RecentlyPublishedPanel(request))
    elif user.is_superuser or user.has_perm("sites.change_agency"):
        panels.append(NetworkPanel(request))


def overdue_dossier_alerts(agencies) -> dict[int, list[site_hooks.DashboardTask]]:
    """Agencies with dossiers past their due date (``online_services``, named by string)."""
    Dossier = dossier_model()  # noqa: N806 (a model class)
    if Dossier is None:
        return {}
    rows = (
        overdue(open_dossiers(Dossier, Dossier.objects.filter(agency__in=agencies)))
        .values("agency")
        .annotate(n=Count("pk"))
        .values_list("agency", "n")
    )
    queue = url_or_blank("online_services_admin:index")
    return {
        agency: [
            site_hooks.DashboardTask(
                ngettext("%(count)s hồ sơ quá hạn", "%(count)s hồ sơ quá hạn", n) % {"count": n}, n, queue
            )
        ]
        for agency, n in rows
    }
