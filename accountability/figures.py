"""The figures: how many dossiers were received, settled on time or late, still open, per agency and per field.

Every figure is an aggregate query over ``online_services.Dossier`` (named by
string: this feature app never imports another). One scan grouped by
(agency, field) gives the totals, the agencies and the fields (sums of the
groups); two more give the 12-month trend (by submission month and by
completion month); three read the agencies' and fields' names — 6 queries,
whatever the number of dossiers or agencies
(tests/accountability/test_budgets.py).

Definitions (docs/statistics.md):

* a dossier belongs to the agency that holds it now; a transferred dossier is
  counted once, at the agency that settles it;
* **received** in the period: submitted in it (Vietnam's time);
* **settled** in the period: ``completed_at`` in it (result ready, or
  rejected); **on time** when the completion day (Vietnam's time) is on or
  before ``due_date``, **late** otherwise. A new appointment
  (``new_due_date``, with the apology letter) does not make a late dossier
  on time (Decree 61/2018 art. 33). A dossier without a due date is on time;
* **in progress** at the end of the period (or today, for the current
  period): submitted before it, not settled by then, not withdrawn;
  **overdue** when its ``due_date`` is before that day and it is not waiting
  for the citizen's documents (status "supplement requested"). After a supplement
  the due date is counted afresh (online_services.workflow), so the wait
  for the citizen's documents is not held against the agency;
* **returned for supplement**: dossiers for which documents were requested
  in the period;
* **withdrawn** dossiers count as received and withdrawn, never as on time,
  late or in progress.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GENERATION_KEY = "accountability:generation"
CACHE_SECONDS = 600

SETTLED_STATUSES = ("result_ready", "result_returned", "rejected")
WITHDRAWN = "withdrawn"
SUPPLEMENT = "supplement_requested"
#: Longest period one request may ask for (a decade of months is already more than a table can show).
MAX_DAYS = 366 * 5
#: The first year the portal may hold dossiers for.
FIRST_YEAR = 2000

CRITERIA = ("ease", "timeliness", "attitude", "overall")
COUNT_KEYS = (
    "received",
    "received_online",
    "settled",
    "on_time",
    "late",
    "in_progress",
    "in_progress_due",
    "in_progress_overdue",
    "supplement",
    "withdrawn",
    "ratings",
)
#: What the one grouped query returns per (agency, field); everything adds up.
SUM_KEYS = COUNT_KEYS + ("satisfied", "ease_sum", "timeliness_sum", "attitude_sum", "overall_sum")


class PeriodError(ValueError):
    """A period the page cannot show: the message is translated and shown with a 400."""


@dataclass(frozen=True)
class Period:
    kind: str  # month, quarter, year, custom
    start: dt.date
    end: dt.date  # inclusive

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes in Vietnam's time: [start 00:00, the day after end 00:00)."""
        tz = timezone.get_default_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    def as_of(self, today: dt.date) -> dt.date:
        """The day the in-progress figures are read at: the period's last day, or today if it is not over."""
        return min(self.end, today)


def current_period(kind: str, today: dt.date) -> Period:
    if kind == "month":
        last = calendar.monthrange(today.year, today.month)[1]
        return Period("month", today.replace(day=1), today.replace(day=last))
    if kind == "quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        start = dt.date(today.year, first_month, 1)
        last_month = first_month + 2
        end = dt.date(today.year, last_month, calendar.monthrange(today.year, last_month)[1])
        return Period("quarter", start, end)
    if kind == "year":
        return Period("year", dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    raise PeriodError(_("Kỳ báo cáo không hợp lệ: chọn tháng, quý, năm hoặc nhập khoảng thời gian."))


def _parse_date(value: str, label) -> dt.date:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise PeriodError(
            _("Ngày “%(value)s” (%(label)s) không hợp lệ; nhập theo dạng NNNN-TT-NN, ví dụ 2026-01-31.")
            % {"value": value[:20], "label": label}
        ) from None
    if day.year < FIRST_YEAR:
        raise PeriodError(_("Cổng chỉ có số liệu từ năm %(year)s.") % {"year": FIRST_YEAR})
    return day


def parse_period(params, today: dt.date) -> Period:
    """``period=month|quarter|year`` (the current one, the default month), or ``from`` and ``to`` (YYYY-MM-DD)."""
    start_text = (params.get("from") or "").strip()
    end_text = (params.get("to") or "").strip()
    if start_text or end_text:
        if not (start_text and end_text):
            raise PeriodError(_("Vui lòng nhập cả ngày bắt đầu và ngày kết thúc."))
        start = _parse_date(start_text, _("từ ngày"))
        end = _parse_date(end_text, _("đến ngày"))
        if start > end:
            raise PeriodError(_("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."))
        if end > today:
            raise PeriodError(_("Không có số liệu cho ngày trong tương lai; chọn ngày kết thúc đến hôm nay."))
        if (end - start).days > MAX_DAYS:
            raise PeriodError(_("Khoảng thời gian dài nhất là 5 năm."))
        return Period("custom", start, end)
    return current_period((params.get("period") or "month").strip(), today)


# ----- the cache: a generation number bumped on every change of a dossier or a rating -----


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def bump_generation(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


# ----- the queries -----


def dossiers():
    return apps.get_model("online_services", "Dossier").objects.all()


def _counts(period: Period, today: dt.date) -> dict:
    """The aggregate expressions of one breakdown (the same for totals, per agency, per field)."""
    start, end = period.bounds()
    as_of = period.as_of(today)
    as_of_end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min, tzinfo=start.tzinfo)
    received = Q(submitted_at__gte=start, submitted_at__lt=end)
    settled = Q(completed_at__gte=start, completed_at__lt=end) & ~Q(status=WITHDRAWN)
    on_time = Q(due_date__isnull=True) | Q(completed_day__lte=F("due_date"))
    open_then = (
        Q(submitted_at__lt=as_of_end)
        & (Q(completed_at__isnull=True) | Q(completed_at__gte=as_of_end))
        & ~Q(status=WITHDRAWN)
    )
    # Waiting for the citizen's documents stops the clock: such a dossier is never overdue.
    overdue = Q(due_date__lt=as_of) & ~Q(status=SUPPLEMENT)
    rated = settled & Q(satisfaction_rating__isnull=False)
    return {
        "received": Count("pk", filter=received),
        "received_online": Count("pk", filter=received),  # every dossier the portal holds came in online
        "settled": Count("pk", filter=settled),
        "on_time": Count("pk", filter=settled & on_time),
        "late": Count("pk", filter=settled & ~on_time),
        "in_progress": Count("pk", filter=open_then),
        "in_progress_due": Count("pk", filter=open_then & ~overdue),
        "in_progress_overdue": Count("pk", filter=open_then & overdue),
        "supplement": Count("pk", filter=Q(asked_supplement=True)),
        "withdrawn": Count("pk", filter=received & Q(status=WITHDRAWN)),
        "ratings": Count("pk", filter=rated),
        "ease_sum": Sum("satisfaction_rating__ease", filter=rated),
        "timeliness_sum": Sum("satisfaction_rating__timeliness", filter=rated),
        "attitude_sum": Sum("satisfaction_rating__attitude", filter=rated),
        "overall_sum": Sum("satisfaction_rating__overall", filter=rated),
        "satisfied": Count("pk", filter=rated & Q(satisfaction_rating__overall__gte=4)),
    }


def _base(period: Period, agency_ids, today: dt.date):
    start, end = period.bounds()
    supplement_requests = apps.get_model("online_services", "SupplementRequest").objects.filter(
        dossier=OuterRef("pk"), requested_at__gte=start, requested_at__lt=end
    )
    qs = (
        dossiers()
        .order_by()
        .annotate(
            completed_day=TruncDate("completed_at", tzinfo=timezone.get_default_timezone()),
            asked_supplement=Exists(supplement_requests),
        )
    )
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    # Only the dossiers that can count in the period: received or settled in it, or open on its last day
    # (a dossier asked for documents in the period is one of those: documents are asked before the result).
    as_of_end = dt.datetime.combine(period.as_of(today) + dt.timedelta(days=1), dt.time.min, tzinfo=start.tzinfo)
    return qs.filter(
        Q(submitted_at__gte=start, submitted_at__lt=end)
        | Q(completed_at__gte=start, completed_at__lt=end)
        | (Q(submitted_at__lt=as_of_end) & (Q(completed_at__isnull=True) | Q(completed_at__gte=as_of_end)))
    )


def _finish(row: dict) -> dict:
    out = {key: row.get(key) or 0 for key in COUNT_KEYS}
    out["received_in_person"] = None  # not held by the portal (docs/statistics.md)
    out["on_time_rate"] = round(100 * out["on_time"] / out["settled"], 1) if out["settled"] else None
    for key in CRITERIA:
        out[key] = round((row.get(f"{key}_sum") or 0) / out["ratings"], 2) if out["ratings"] else None
    scores = [out[k] for k in ("ease", "timeliness", "attitude", "overall") if out[k] is not None]
    out["satisfaction"] = round(sum(scores) / len(scores), 2) if scores else None
    out["satisfied_rate"] = round(100 * (row.get("satisfied") or 0) / out["ratings"], 1) if out["ratings"] else None
    return out


def month_starts(end: dt.date, months: int = 12) -> list[dt.date]:
    first = end.replace(day=1)
    result = []
    for _i in range(months):
        result.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return list(reversed(result))


def trend(agency_ids, end: dt.date) -> list[dict]:
    """12 months to ``end``'s month: received by submission month, on time / late by completion month (2 queries)."""
    tz = timezone.get_default_timezone()
    months = month_starts(end)
    start = dt.datetime.combine(months[0], dt.time.min, tzinfo=tz)
    last = months[-1]
    stop_day = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    stop = dt.datetime.combine(stop_day, dt.time.min, tzinfo=tz)
    qs = dossiers().order_by()
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    received = dict(
        qs.filter(submitted_at__gte=start, submitted_at__lt=stop)
        .annotate(month=TruncMonth("submitted_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    on_time = Q(due_date__isnull=True) | Q(completed_day__lte=F("due_date"))
    settled_rows = (
        qs.filter(completed_at__gte=start, completed_at__lt=stop)
        .exclude(status=WITHDRAWN)
        .annotate(month=TruncMonth("completed_at", tzinfo=tz), completed_day=TruncDate("completed_at", tzinfo=tz))
        .values("month")
        .annotate(settled=Count("pk"), on_time=Count("pk", filter=on_time))
        .values_list("month", "settled", "on_time")
    )
    settled = {m: (s, o) for m, s, o in settled_rows}

    def as_date(value):
        return value.date() if isinstance(value, dt.datetime) else value

    received = {as_date(k): v for k, v in received.items()}
    settled = {as_date(k): v for k, v in settled.items()}
    rows = []
    for month in months:
        s, o = settled.get(month, (0, 0))
        rows.append(
            {
                "month": month,
                "received": received.get(month, 0),
                "settled": s,
                "on_time": o,
                "late": s - o,
                "on_time_rate": round(100 * o / s, 1) if s else None,
            }
        )
    return rows


@dataclass
class Figures:
    period: Period
    as_of: dt.date
    totals: dict
    agencies: list[dict] = field(default_factory=list)
    fields: list[dict] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)
    procedures: dict = field(default_factory=dict)


def compute(period: Period, *, agency_ids=None, today: dt.date | None = None) -> Figures:
    """All the figures of one scope (``agency_ids`` None: the whole network) for one period."""
    today = today or timezone.localdate()
    counts = _counts(period, today)
    # One scan: grouped by (agency, field); the totals, the agencies and the fields are sums of these groups
    # (at most agencies × fields rows, never dossiers).
    groups = list(_base(period, agency_ids, today).values("agency_id", "procedure__field_id").annotate(**counts))
    totals = _finish(_add(groups, lambda g: None).get(None, {}))
    by_agency = [{"agency_id": k, **v} for k, v in _add(groups, lambda g: g["agency_id"]).items()]
    by_field = [{"procedure__field_id": k, **v} for k, v in _add(groups, lambda g: g["procedure__field_id"]).items()]
    Agency = apps.get_model("sites", "Agency")
    names = {
        a["pk"]: a
        for a in Agency.objects.filter(pk__in=[r["agency_id"] for r in by_agency]).values(
            "pk", "slug", "name", "name_en", "hostname"
        )
    }
    agencies = []
    for row in by_agency:
        info = names.get(row["agency_id"], {})
        agencies.append(
            {
                "agency": info.get("slug", ""),
                "name": info.get("name", ""),
                "name_en": info.get("name_en", ""),
                **_finish(row),
            }
        )
    agencies = [a for a in agencies if a["received"] or a["settled"] or a["in_progress"]]
    agencies.sort(key=lambda a: (a["on_time_rate"] is None, -(a["on_time_rate"] or 0), -a["settled"], a["name"]))
    for rank, item in enumerate(agencies, start=1):
        item["rank"] = rank if item["on_time_rate"] is not None else None

    Field = apps.get_model("procedures", "ProcedureField")
    field_ids = [r["procedure__field_id"] for r in by_field if r["procedure__field_id"]]
    field_rows = list(Field.objects.filter(pk__in=field_ids).values("pk", "name", "translation_key", "locale_id"))
    field_names = {f["pk"]: f["name"] for f in field_rows}
    english = _english_field_names([f["translation_key"] for f in field_rows])
    field_keys = {f["pk"]: f["translation_key"] for f in field_rows}
    fields = []
    for row in by_field:
        pk = row["procedure__field_id"]
        if not (row["received"] or row["settled"] or row["in_progress"]):
            continue
        fields.append(
            {
                "field": field_names.get(pk) or "",
                "field_en": english.get(field_keys.get(pk), ""),
                **_finish(row),
            }
        )
    fields.sort(key=lambda f: (-f["received"], f["field"]))
    return Figures(
        period=period,
        as_of=period.as_of(today),
        totals=totals,
        agencies=agencies,
        fields=fields,
        trend=trend(agency_ids, period.as_of(today)),
    )


def _add(groups: list[dict], key) -> dict:
    """Sum the groups' figures by ``key(group)``."""
    out: dict = {}
    for group in groups:
        target = out.setdefault(key(group), dict.fromkeys(SUM_KEYS, 0))
        for name in SUM_KEYS:
            target[name] += group.get(name) or 0
    return out


def _english_field_names(keys) -> dict:
    """English names of the fields (wagtail-localize translations), in one query."""
    if not keys:
        return {}
    Field = apps.get_model("procedures", "ProcedureField")
    return dict(
        Field.objects.filter(translation_key__in=keys, locale__language_code="en").values_list(
            "translation_key", "name"
        )
    )


def cached_figures(period: Period, *, agency_ids=None, scope: str = "network", today: dt.date | None = None) -> Figures:
    """``compute`` through the cache; a change of any dossier or rating starts a new generation."""
    today = today or timezone.localdate()
    key = f"accountability:figures:{generation()}:{scope}:{period.kind}:{period.key}:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        from .index import procedure_figures

        figures = compute(period, agency_ids=agency_ids, today=today)
        figures.procedures = procedure_figures(agency_ids)
        cache.set(key, figures, CACHE_SECONDS)
    return figures
