"""What a home page offers first, in a fixed number of queries whatever the size of the network."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db.models import Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wagtail.models import Page, Site

from .models import PinnedProcedure, ProcedureViewDay, TopTaskSettings

#: How far back the most-used list looks.
WINDOW_DAYS = 30


def _procedure_model():
    return apps.get_model("procedures", "ProcedurePage")


def is_portal(agency) -> bool:
    return agency is None or (agency.kind == "province" and agency.parent_id is None)


def most_used(home: Page, agency, settings: TopTaskSettings | None) -> list:
    """Pinned procedures first (in the home's language), then the most viewed of the last 30 days.

    On the portal the whole network's procedures; on an agency's home, its own.
    Three queries: the pinned keys, the counts, the procedures.
    """
    procedure_model = _procedure_model()
    limit = settings.count if settings is not None else 6
    pinned_keys = []
    if settings is not None and settings.pk:
        pinned_keys = list(
            PinnedProcedure.objects.filter(setting=settings)
            .order_by("sort_order")
            .values_list("procedure__translation_key", flat=True)
        )
    counted: list[int] = []
    if settings is None or settings.use_signals:
        since = timezone.localdate() - datetime.timedelta(days=WINDOW_DAYS)
        rows = ProcedureViewDay.objects.filter(day__gte=since, page__locale_id=home.locale_id)
        if not is_portal(agency):
            rows = rows.filter(agency=agency)
        counted = list(
            rows.values("page_id")
            .annotate(total=Sum("views"))
            .order_by("-total", "page_id")
            .values_list("page_id", flat=True)[: limit * 2]
        )
    if not pinned_keys and not counted:
        return []
    from django.db.models import Q

    match = Q(pk__in=counted) | Q(translation_key__in=pinned_keys)
    found = list(
        procedure_model.objects.live()
        .filter(match, locale_id=home.locale_id)
        .select_related("agency")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "translation_key", "level", "agency")
    )
    by_key = {p.translation_key: p for p in found}
    by_pk = {p.pk: p for p in found}
    chosen, seen = [], set()
    for item in [by_key.get(k) for k in pinned_keys] + [by_pk.get(pk) for pk in counted]:
        if item is not None and item.pk not in seen:
            seen.add(item.pk)
            chosen.append(item)
    return chosen[:limit]


def catalogue_of(home: Page) -> Page | None:
    index_model = apps.get_model("procedures", "ProcedureIndexPage")
    return (
        Page.objects.child_of(home)
        .type(index_model)
        .live()
        .only("id", "title", "url_path", "path", "depth", "locale_id")
        .first()
    )


def context_for(request, home: Page, agency) -> dict:
    # Read, never created here: BaseSiteSetting.for_request would insert a row on a page view, and saving
    # the settings purges the network's page cache (caching.signals).
    site = Site.find_for_request(request) if request is not None else None
    settings = TopTaskSettings.objects.filter(site=site).first() if site is not None else None
    catalogue = catalogue_of(home)
    catalogue_url = catalogue.get_url(request) if catalogue is not None else ""
    try:
        lookup_url = reverse("online_services:lookup")
    except NoReverseMatch:
        lookup_url = ""
    return {
        "catalogue_url": catalogue_url,
        "online_url": f"{catalogue_url}?level=3" if catalogue_url else "",
        "lookup_url": lookup_url,
        "procedures": most_used(home, agency, settings),
        "portal": is_portal(agency),
        "agency": agency,
    }
