"""The public search page, its autocomplete and the result-click redirect."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page, Site

from procedures.models import Level, ProcedureField
from sites.models import Agency

from . import engines
from .models import SearchDocument
from .promotions import promotions_for
from .querylog import record_click, record_search
from .text import clean_query, highlight, snippet

PER_PAGE = 10
MAX_PAGE = 100
FACET_PARAMS = ("type", "agency", "field", "level")


def _site_agency(request) -> Agency | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    return Agency.objects.filter(site=site).select_related("parent").first()


def _is_portal(agency: Agency | None) -> bool:
    return agency is None or (agency.kind == Agency.Kind.PROVINCE and agency.parent_id is None)


def _int(value, default=None, low=None, high=None):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    if (low is not None and number < low) or (high is not None and number > high):
        return default
    return number


class SearchParams:
    """What the citizen asked for, validated: anything unknown is ignored, never an error."""

    def __init__(self, request, site_agency: Agency | None):
        get = request.GET
        self.request = request
        self.query = clean_query(get.get("q"))
        self.page = _int(get.get("page"), 1, 1, MAX_PAGE)
        self.kind = get.get("type") if get.get("type") in SearchDocument.Kind.values else None
        self.field_id = _int(get.get("field"), None, 1)
        self.level = _int(get.get("level"), None, 1, 4)
        self.scope_all = get.get("scope") == "all"
        self.explicit_agency = None
        slug = get.get("agency")
        if slug:
            self.explicit_agency = Agency.objects.filter(slug=slug[:80]).first()
        self.site_agency = site_agency
        self.is_portal = _is_portal(site_agency)
        # On an agency's own site, search that agency first; one click widens to the network.
        self.default_scoped = (
            not self.is_portal and not self.scope_all and self.explicit_agency is None and site_agency is not None
        )
        self.agency = self.explicit_agency or (site_agency if self.default_scoped else None)

    @property
    def has_explicit_filters(self) -> bool:
        return any(self.request.GET.get(name) for name in (*FACET_PARAMS, "scope"))

    def filters(self) -> engines.SearchFilters:
        return engines.SearchFilters(
            kind=self.kind,
            agency_id=self.agency.pk if self.agency else None,
            field_id=self.field_id,
            level=self.level,
        )

    def url(self, **changes) -> str:
        """This search's URL with some parameters changed (None removes one); back to page 1 unless given."""
        params = {key: value for key, value in self.request.GET.items() if key in (*FACET_PARAMS, "q", "scope")}
        params["q"] = self.query
        changes.setdefault("page", None)
        for key, value in changes.items():
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = value
        return self.request.path + "?" + urlencode(params)


def _facet_items(params: SearchParams, outcome: engines.SearchOutcome) -> list[dict]:
    counts = outcome.facets
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=list(counts["agency_id"]))}
    fields = {f.pk: f for f in ProcedureField.objects.filter(pk__in=list(counts["field_id"]))}
    kind_labels = dict(SearchDocument.Kind.choices)
    level_labels = dict(Level.choices)

    def items(counter, label_for, selected, url_for):
        rows = [
            {
                "label": label_for(value),
                "count": count,
                "selected": value == selected,
                "url": url_for(value, value == selected),
            }
            for value, count in counter.most_common()
            if label_for(value)
        ]
        return rows

    groups = [
        {
            "name": "type",
            "heading": _("Loại nội dung"),
            "items": items(
                counts["kind"],
                lambda v: kind_labels.get(v),
                params.kind,
                lambda v, on: params.url(type=None if on else v),
            ),
        },
        {
            "name": "agency",
            "heading": _("Cơ quan"),
            "items": items(
                counts["agency_id"],
                lambda v: agencies[v].display_name if v in agencies else None,
                params.agency.pk if params.agency else None,
                lambda v, on: (
                    params.url(agency=None, scope="all") if on else params.url(agency=agencies[v].slug, scope=None)
                ),
            ),
        },
        {
            "name": "field",
            "heading": _("Lĩnh vực"),
            "items": items(
                counts["field_id"],
                lambda v: fields[v].name if v in fields else None,
                params.field_id,
                lambda v, on: params.url(field=None if on else v),
            ),
        },
        {
            "name": "level",
            "heading": _("Mức độ dịch vụ công"),
            "items": items(
                counts["level"],
                lambda v: str(level_labels.get(v, "")) or None,
                params.level,
                lambda v, on: params.url(level=None if on else v),
            ),
        },
    ]
    return [group for group in groups if group["items"]]


def _result_items(request, params: SearchParams, outcome: engines.SearchOutcome) -> list[dict]:
    level_labels = dict(Level.choices)
    kind_labels = dict(SearchDocument.Kind.choices)
    click_base = reverse("portal_search:click")
    results = []
    for position, doc in enumerate(outcome.hits, start=outcome.offset + 1):
        url = doc.page.get_url(request)
        if not url:
            continue
        results.append(
            {
                "position": position,
                "title": highlight(doc.title, outcome.tokens),
                "url": url,
                "click_url": click_base + "?" + urlencode({"q": params.query, "id": doc.page_id, "pos": position}),
                "kind": doc.kind,
                "kind_label": kind_labels.get(doc.kind, ""),
                "agency": doc.agency.display_name if doc.agency else "",
                "code": doc.code,
                "field": doc.field.name if doc.field else "",
                "level": level_labels.get(doc.level, "") if doc.level else "",
                "snippet": snippet(doc.body, outcome.tokens),
                "published_at": doc.published_at,
            }
        )
    return results


def _pagination(params: SearchParams, total: int) -> dict | None:
    pages = min(MAX_PAGE, math.ceil(total / PER_PAGE))
    if pages <= 1:
        return None
    current = min(params.page, pages)
    window = range(max(1, current - 2), min(pages, current + 2) + 1)
    return {
        "current": current,
        "pages": pages,
        "previous": params.url(page=current - 1) if current > 1 else None,
        "next": params.url(page=current + 1) if current < pages else None,
        "links": [{"number": n, "url": params.url(page=n), "current": n == current} for n in window],
    }


@require_GET
def search(request):
    site_agency = _site_agency(request)
    params = SearchParams(request, site_agency)
    locale = Locale.get_active()
    context = {
        "search_query": params.query,
        "params": params,
        "site_agency": site_agency,
        "is_portal": params.is_portal,
    }
    if params.query:
        outcome = engines.search(
            params.query, locale.pk, params.filters(), offset=(params.page - 1) * PER_PAGE, limit=PER_PAGE
        )
        if params.page == 1 and not params.has_explicit_filters:
            record_search(params.query, outcome.network_total)
        context.update(
            {
                "outcome": outcome,
                "results": _result_items(request, params, outcome),
                "facet_groups": _facet_items(params, outcome),
                "pagination": _pagination(params, outcome.total),
                "promotions": promotions_for(params.query, locale, request) if params.page == 1 else [],
                "widen_url": params.url(scope="all", agency=None) if params.default_scoped else None,
                "narrow_url": params.url(scope=None, agency=None)
                if (not params.is_portal and params.scope_all and site_agency)
                else None,
                "network_total": outcome.network_total,
                "active_filters": params.has_explicit_filters,
                "clear_url": params.url(type=None, agency=None, field=None, level=None, scope=None),
            }
        )
    response = render(request, "search/search.html", context)
    patch_cache_control(response, private=True, max_age=0)
    return response


@require_GET
def autocomplete(request):
    """Procedure names for the search box: {"results": [{"title", "url", "agency"}]}, current locale only."""
    query = clean_query(request.GET.get("q"))
    results = []
    if len(query) >= 2:
        locale = Locale.get_active()
        for doc in engines.DatabaseEngine().autocomplete(query, locale.pk):
            url = doc.page.get_url(request)
            if url:
                results.append(
                    {"title": doc.title, "url": url, "agency": doc.agency.display_name if doc.agency else ""}
                )
    response = JsonResponse({"query": query, "results": results})
    patch_cache_control(response, public=True, max_age=60)
    return response


@require_GET
def click(request):
    """Count a click on a result, then go to it. The target is looked up by page id: never a URL from the request."""
    page_id = _int(request.GET.get("id"), None, 1)
    page = Page.objects.live().filter(pk=page_id).first() if page_id else None
    url = page.get_url(request) if page is not None else None
    if not url:
        return HttpResponseRedirect(reverse("portal_search:search"))
    record_click(request.GET.get("q", ""), page.pk, _int(request.GET.get("pos"), None, 1))
    response = HttpResponseRedirect(url)
    patch_cache_control(response, private=True, no_store=True)
    return response
