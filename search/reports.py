"""Admin reports of the query log: the most searched queries, and those that found nothing."""

from __future__ import annotations

import datetime

import django_filters

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from .models import LoggedQuery

PERIODS = [("7", _("7 ngày qua")), ("30", _("30 ngày qua")), ("90", _("90 ngày qua")), ("365", _("12 tháng qua"))]
DEFAULT_PERIOD = "30"


class QueryReportFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Khoảng thời gian"),
        choices=PERIODS,
        empty_label=_("30 ngày qua"),
        method="keep",  # applied in the sums themselves, see QueryReportView.get_base_queryset
    )

    class Meta:
        model = LoggedQuery
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class QueryReportView(ReportView):
    header_icon = "search"
    is_searchable = True
    search_fields = ["normalized", "text"]
    filterset_class = QueryReportFilterSet
    paginate_by = 50
    columns = [
        Column("text", label=_("Từ khóa")),
        NumberColumn("searches", label=_("Lượt tìm"), sort_key="searches"),
        NumberColumn("zero", label=_("Lượt không có kết quả"), sort_key="zero"),
        NumberColumn("clicks", label=_("Lượt nhấn kết quả"), sort_key="clicks"),
        NumberColumn("last_hits", label=_("Số kết quả lần gần nhất"), sort_key="last_hits"),
        DateColumn("last_seen", label=_("Lần tìm gần nhất"), sort_key="last_seen"),
    ]
    list_export = ["text", "normalized", "searches", "zero", "clicks", "last_hits", "last_seen"]
    export_headings = {
        "text": _("Từ khóa"),
        "normalized": _("Từ khóa (chuẩn hóa)"),
        "searches": _("Lượt tìm"),
        "zero": _("Lượt không có kết quả"),
        "clicks": _("Lượt nhấn kết quả"),
        "last_hits": _("Số kết quả lần gần nhất"),
        "last_seen": _("Lần tìm gần nhất"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @property
    def period_days(self) -> int:
        value = self.request.GET.get("period", DEFAULT_PERIOD)
        return int(value) if value in dict(PERIODS) else int(DEFAULT_PERIOD)

    def get_base_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=self.period_days - 1)
        in_period = Q(days__date__gte=since)
        return LoggedQuery.objects.annotate(
            searches=Sum("days__searches", filter=in_period, default=0),
            zero=Sum("days__zero_results", filter=in_period, default=0),
            clicks=Sum("days__clicks", filter=in_period, default=0),
        ).filter(searches__gt=0)


class TopQueriesReportView(QueryReportView):
    page_title = _("Từ khóa tìm kiếm nhiều nhất")
    index_url_name = "portal_search_reports:top_queries"
    index_results_url_name = "portal_search_reports:top_queries_results"
    default_ordering = "-searches"


class ZeroResultQueriesReportView(QueryReportView):
    page_title = _("Từ khóa không có kết quả")
    index_url_name = "portal_search_reports:zero_results"
    index_results_url_name = "portal_search_reports:zero_results_results"
    default_ordering = "-zero"

    def get_base_queryset(self):
        return super().get_base_queryset().filter(zero__gt=0)
