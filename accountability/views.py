"""Public pages: the statistics (“Tình hình giải quyết hồ sơ”) on every site, the open data, the rating form.

The portal shows the whole network and ranks the agencies (``?agency=<slug>``
narrows it to one); an agency's site shows its own dossiers. Figures come
from ``figures.cached_figures`` (aggregate queries, cached per generation).
"""

from __future__ import annotations

import csv
import hmac

from django.apps import apps
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from wagtail.models import Site

from core import ratelimit
from sites.models import Agency

from . import charts, index
from .figures import Period, PeriodError, cached_figures, parse_period
from .forms import RatingForm, normalise_phone
from .models import Rating

RATING_RATE = (10, 3600)  # rating attempts per client per hour
RATABLE = ("result_returned", "rejected")

NOT_FOUND = gettext_lazy(
    "Không tìm thấy hồ sơ khớp với mã hồ sơ và thông tin liên hệ đã nhập. "
    "Vui lòng kiểm tra lại Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
)
NOT_SETTLED = gettext_lazy(
    "Hồ sơ này chưa được trả kết quả hoặc từ chối giải quyết; bạn có thể đánh giá sau khi nhận kết quả."
)
ALREADY_RATED = gettext_lazy("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.")
TOO_MANY = gettext_lazy("Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau.")
UNKNOWN_AGENCY = gettext_lazy("Không có cơ quan “%(agency)s” trên cổng.")
NOT_THIS_SITE = gettext_lazy("Trang này chỉ có số liệu của %(agency)s.")


class ScopeError(ValueError):
    pass


def _site_agency(request) -> Agency | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    return Agency.objects.filter(site=site).select_related("parent").first()


def is_portal(agency: Agency | None) -> bool:
    return agency is None or (agency.kind == Agency.Kind.PROVINCE and agency.parent_id is None)


def resolve(request):
    """(site agency, the agency asked for or None, period) — or raise ``PeriodError`` / ``ScopeError``."""
    site_agency = _site_agency(request)
    period = parse_period(request.GET, timezone.localdate())
    slug = (request.GET.get("agency") or "").strip()[:80]
    if is_portal(site_agency):
        chosen = None
        if slug:
            chosen = Agency.objects.filter(slug=slug).first()
            if chosen is None:
                raise ScopeError(UNKNOWN_AGENCY % {"agency": slug})
    else:
        chosen = site_agency
        if slug and slug != site_agency.slug:
            raise ScopeError(NOT_THIS_SITE % {"agency": site_agency.name})
    return site_agency, chosen, period


def figures_for(chosen: Agency | None, period: Period):
    if chosen is None:
        return cached_figures(period, scope="network")
    return cached_figures(period, agency_ids=[chosen.pk], scope=f"agency-{chosen.pk}")


def _localise(figures) -> None:
    english = get_language() == "en"
    for item in figures.agencies:
        item["label"] = (item["name_en"] or item["name"]) if english else item["name"]
    for item in figures.fields:
        item["label"] = (item["field_en"] or item["field"]) if english else item["field"]


PERIODS = [
    ("month", gettext_lazy("Tháng này")),
    ("quarter", gettext_lazy("Quý này")),
    ("year", gettext_lazy("Năm nay")),
]


@require_GET
def statistics(request):
    """The public page; a bad period or agency is a 400 with the reason, on the same page."""
    error = None
    try:
        site_agency, chosen, period = resolve(request)
    except (PeriodError, ScopeError) as exc:
        error = str(exc)
        site_agency = _site_agency(request)
        chosen = None if is_portal(site_agency) else site_agency
        period = parse_period({}, timezone.localdate())
    figures = figures_for(chosen, period)
    _localise(figures)
    portal = is_portal(site_agency)
    context = {
        "figures": figures,
        "totals": figures.totals,
        "period": period,
        "periods": PERIODS,
        "error": error,
        "portal": portal,
        "chosen": chosen,
        "show_ranking": portal and chosen is None,
        "trend_chart": charts.line_chart(
            figures.trend, [("received", _("Hồ sơ tiếp nhận")), ("on_time", _("Giải quyết đúng hạn"))]
        ),
        "agency_chart": charts.bar_chart(figures.agencies, value_key="on_time_rate", label_key="label"),
        "index": index.components(figures.totals, figures.procedures),
        "query": request.GET.urlencode(),
        "api_url": reverse("accountability_api"),
        "form_from": request.GET.get("from", "")[:10],
        "form_to": request.GET.get("to", "")[:10],
    }
    response = TemplateResponse(request, "accountability/statistics.html", context, status=400 if error else 200)
    if not error:
        response["Cache-Control"] = "public, max-age=300"
    return response


# ----- open data -----


def _json(data, status: int = 200) -> JsonResponse:
    """The catalogue API's conventions (procedures/api.py): UTF-8 JSON, CORS open, 5 minutes of cache."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response["Cache-Control"] = "public, max-age=300"
    return response


FIGURE_KEYS = [
    "received",
    "received_online",
    "received_in_person",
    "settled",
    "on_time",
    "late",
    "on_time_rate",
    "in_progress",
    "in_progress_due",
    "in_progress_overdue",
    "supplement",
    "withdrawn",
    "ratings",
    "satisfaction",
    "satisfied_rate",
    "ease",
    "timeliness",
    "attitude",
    "overall",
]


def _pick(row: dict) -> dict:
    return {key: row.get(key) for key in FIGURE_KEYS}


def payload(figures, chosen) -> dict:
    return {
        "scope": chosen.slug if chosen else "network",
        "period": {"kind": figures.period.kind, "from": figures.period.start, "to": figures.period.end},
        "as_of": figures.as_of,
        "totals": _pick(figures.totals),
        "procedures": figures.procedures,
        "agencies": [
            {"rank": a["rank"], "agency": a["agency"], "name": a["name"], "name_en": a["name_en"], **_pick(a)}
            for a in figures.agencies
        ],
        "fields": [{"field": f["field"], "field_en": f["field_en"], **_pick(f)} for f in figures.fields],
        "trend": [
            {k: r[k] for k in ("received", "settled", "on_time", "late", "on_time_rate")}
            | {"month": f"{r['month']:%Y-%m}"}
            for r in figures.trend
        ],
    }


@require_GET
def api(request, fmt: str = "json"):
    """``/api/statistics/`` (JSON) and ``/api/statistics.csv``: the page's figures (``period``, ``from``, ``to``, ``agency``)."""
    fmt = request.GET.get("format", fmt)
    try:
        _site, chosen, period = resolve(request)
    except (PeriodError, ScopeError) as exc:
        return _json({"error": str(exc)}, status=400)
    if fmt not in ("json", "csv"):
        return _json({"error": _("Định dạng phải là json hoặc csv.")}, status=400)
    figures = figures_for(chosen, period)
    data = payload(figures, chosen)
    if fmt == "json":
        return _json(data)
    return _csv(data)


def _csv(data) -> HttpResponse:
    """One row per breakdown (network or agency, agencies, fields), UTF-8 with BOM for spreadsheet programs."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="thong-ke-ho-so-{data["period"]["from"]}-{data["period"]["to"]}.csv"'
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["level", "key", "name", "from", "to", *FIGURE_KEYS])
    period = [data["period"]["from"], data["period"]["to"]]

    def cell(value):
        return "" if value is None else value

    writer.writerow(["total", data["scope"], "", *period, *(cell(data["totals"][k]) for k in FIGURE_KEYS)])
    for a in data["agencies"]:
        writer.writerow(["agency", a["agency"], _safe(a["name"]), *period, *(cell(a[k]) for k in FIGURE_KEYS)])
    for f in data["fields"]:
        writer.writerow(["field", "", _safe(f["field"]), *period, *(cell(f[k]) for k in FIGURE_KEYS)])
    return response


def _safe(text: str) -> str:
    """A cell starting with = + - @ would be a formula in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


# ----- the rating -----


def _contact_matches(dossier, contact: str) -> bool:
    contact = contact.strip()
    if "@" in contact:
        given, stored = contact.lower(), (dossier.applicant_email or "").lower()
    else:
        given, stored = normalise_phone(contact), normalise_phone(dossier.applicant_phone)
    return bool(stored) and hmac.compare_digest(given.encode(), stored.encode())


def can_rate(dossier) -> bool:
    return dossier.status in RATABLE and not Rating.objects.filter(dossier_id=dossier.pk).exists()


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def rate(request):
    """Rate a settled dossier once: authenticated like the lookup (code plus phone or email), rate-limited."""
    if request.method == "GET":
        if request.GET.get("sent"):
            return TemplateResponse(request, "accountability/rating_thanks.html", {})
        form = RatingForm(initial={"code": request.GET.get("code", "")[:30]})
        return TemplateResponse(request, "accountability/rating.html", {"form": form})
    form = RatingForm(request.POST)
    if not ratelimit.allow(request, "rating", *RATING_RATE):
        form.is_valid()
        form.add_error(None, TOO_MANY)
        return TemplateResponse(request, "accountability/rating.html", {"form": form}, status=429)
    if not form.is_valid():
        return TemplateResponse(request, "accountability/rating.html", {"form": form}, status=400)
    if form.cleaned_data["website"]:  # a bot filled the hidden field: nothing stored
        return redirect(f"{reverse('accountability:rate')}?sent=1")
    Dossier = apps.get_model("online_services", "Dossier")
    dossier = Dossier.objects.filter(receipt_code=form.cleaned_data["code"]).first()
    if dossier is None or not _contact_matches(dossier, form.cleaned_data["contact"]):
        form.add_error(None, NOT_FOUND)
        return TemplateResponse(request, "accountability/rating.html", {"form": form}, status=404)
    if dossier.status not in RATABLE:
        form.add_error(None, NOT_SETTLED)
        return TemplateResponse(request, "accountability/rating.html", {"form": form}, status=409)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            Rating.objects.create(
                dossier=dossier,
                ease=data["ease"],
                timeliness=data["timeliness"],
                attitude=data["attitude"],
                overall=data["overall"],
                comment=data["comment"].strip(),
            )
    except IntegrityError:
        form.add_error(None, ALREADY_RATED)
        return TemplateResponse(request, "accountability/rating.html", {"form": form}, status=409)
    return redirect(f"{reverse('accountability:rate')}?sent=1")
