"""The one-stop desk's queue as a Wagtail ``ModelViewSet``: filters, sorting, search, CSV and XLSX export.

Only the listing (index and its results fragment) is served by the viewset:
the dossier page with its steps is ``admin_views.detail``, and there is no
generic add, edit, copy or delete view (a dossier comes from a citizen and
moves only through ``workflow``). Every listing is scoped by
``Dossier.objects.for_user``: the officer's agencies, plus the dossiers they
transferred out (read-only).
"""

from __future__ import annotations

import datetime as dt

import django_filters

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarDay, Dossier, DossierStatusChange, Notification
from .workdays import add_working_days

DUE_SOON_WORKING_DAYS = 2


def due_soon_limit(today: dt.date | None = None) -> dt.date:
    return add_working_days(today or timezone.localdate(), DUE_SOON_WORKING_DAYS)


def _csv_safe(value):
    """Citizens type these: neutralise spreadsheet formulas (CSV/XLSX injection)."""
    return "'" + value if isinstance(value, str) and value and value[0] in "=+-@\t\r" else value


class DossierFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Dossier.Status.choices)
    procedure_code = django_filters.ChoiceFilter(label=_("Thủ tục hành chính"), choices=[])
    due = django_filters.ChoiceFilter(
        label=_("Thời hạn"),
        choices=[
            ("soon", _("Đến hạn trong 2 ngày làm việc")),
            ("overdue", _("Quá hạn")),
        ],
        method="filter_due",
    )
    mine = django_filters.BooleanFilter(
        label=_("Giao cho tôi"), method="filter_mine", widget=django_filters.widgets.BooleanWidget()
    )
    transfer = django_filters.ChoiceFilter(
        label=_("Liên thông"),
        choices=[("in", _("Được chuyển đến")), ("out", _("Đã chuyển đi"))],
        method="filter_transfer",
    )

    class Meta:
        model = Dossier
        fields = ["status", "procedure_code"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.request = request
        procedures = (
            Dossier.objects.for_user(request.user)
            .order_by("procedure_code")
            .values_list("procedure_code", "procedure_title")
            .distinct()
        )
        self.filters["procedure_code"].extra["choices"] = [
            (code, f"{code} – {title[:60]}") for code, title in procedures
        ]

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        queryset = queryset.open()
        if value == "soon":
            return queryset.filter(due_date__gte=today, due_date__lte=due_soon_limit(today))
        if value == "overdue":
            return queryset.filter(due_date__lt=today)
        return queryset

    def filter_mine(self, queryset, name, value):
        if value:
            return queryset.filter(assigned_to=self.request.user)
        return queryset

    def filter_transfer(self, queryset, name, value):
        user = self.request.user
        groups = user.groups.values_list("pk", flat=True)
        if value == "in":
            moved_in = DossierStatusChange.objects.filter(to_agency__isnull=False)
            if not user.is_superuser:
                moved_in = moved_in.filter(to_agency__officers_group__in=groups)
            return queryset.filter(pk__in=moved_in.values("dossier_id"))
        if value == "out":
            moved_out = DossierStatusChange.objects.filter(from_agency__isnull=False)
            if not user.is_superuser:
                moved_out = moved_out.filter(from_agency__officers_group__in=groups)
                return queryset.filter(pk__in=moved_out.values("dossier_id")).exclude(agency__officers_group__in=groups)
            return queryset.filter(pk__in=moved_out.values("dossier_id"))
        return queryset


class DueColumn(Column):
    """The due date, the new appointment if any, and “quá hạn” when late (computed, never typed)."""

    cell_template_name = "online_services/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["dossier"] = instance
        return context


class DossierIndexView(IndexView):
    def get_base_queryset(self):
        return Dossier.objects.for_user(self.request.user).select_related("agency", "assigned_to")

    def get_edit_url(self, instance):
        return reverse("online_services_admin:detail", args=[instance.pk])

    def get_inspect_url(self, instance):
        return None

    def get_add_url(self):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        return []

    def to_row_dict(self, item):
        return {key: _csv_safe(value) for key, value in super().to_row_dict(item).items()}


class DossierAdminURLFinder(ModelAdminURLFinder):
    """Where a dossier is opened from elsewhere in the admin (the site history, log entries): its desk page.

    The viewset has no generic edit view, so Wagtail's default finder would reverse a URL that
    does not exist. The desk page checks the officer's agency itself.
    """

    def construct_edit_url(self, instance):
        return reverse("online_services_admin:detail", args=[instance.pk])

    def get_edit_url(self, instance):
        if self.user is not None and not self.user.has_perm("online_services.view_dossier"):
            return None
        return self.construct_edit_url(instance)


class DossierViewSet(ModelViewSet):
    model = Dossier
    icon = "folder-open-inverse"
    menu_label = _("Hồ sơ trực tuyến")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "ho-so"
    index_view_class = DossierIndexView
    filterset_class = DossierFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    ordering = ["-submitted_at"]
    search_fields = ["receipt_code", "applicant_name", "applicant_phone"]
    search_backend_name = None
    list_display = [
        "receipt_code",
        "procedure_title",
        "applicant_name",
        "status",
        "agency",
        "submitted_at",
        DueColumn("due_date", label=_("Ngày hẹn trả kết quả"), sort_key="due_date"),
        "assigned_to",
    ]
    list_export = [
        "receipt_code",
        "procedure_code",
        "procedure_title",
        "agency",
        "applicant_name",
        "applicant_phone",
        "applicant_email",
        "get_status_display",
        "submitted_at",
        "due_date",
        "new_due_date",
        "completed_at",
        "on_time",
        "assigned_to",
    ]
    export_headings = {
        "receipt_code": _("Mã hồ sơ"),
        "procedure_code": _("Mã thủ tục"),
        "procedure_title": _("Tên thủ tục"),
        "agency": _("Cơ quan"),
        "applicant_name": _("Họ và tên người nộp"),
        "applicant_phone": _("Số điện thoại"),
        "applicant_email": _("Thư điện tử"),
        "get_status_display": _("Trạng thái"),
        "submitted_at": _("Ngày nộp"),
        "due_date": _("Ngày hẹn trả kết quả"),
        "new_due_date": _("Ngày hẹn lại"),
        "completed_at": _("Thời điểm có kết quả"),
        "on_time": _("Đúng hạn"),
        "assigned_to": _("Cán bộ thụ lý"),
    }
    export_filename = "ho-so"
    form_fields = []  # no generic form: a dossier moves only through workflow

    url_finder_class = DossierAdminURLFinder

    def get_urlpatterns(self):
        # The listing only: a dossier is never added, edited, copied or deleted through generic views.
        return [p for p in super().get_urlpatterns() if p.name in ("index", "index_results")]


dossier_viewset = DossierViewSet("dossier_queue")


class OutboxIndexView(IndexView):
    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return reverse("online_services_admin:detail", args=[instance.dossier_id])

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class OutboxViewSet(ModelViewSet):
    """The outbox (hộp thư đi): what was sent to citizens, what failed and why; for the provincial administrators."""

    model = Notification
    icon = "mail"
    menu_label = _("Hộp thư đi")
    add_to_settings_menu = True
    url_prefix = "hop-thu-di"
    index_view_class = OutboxIndexView
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    list_filter = ["state", "channel", "event"]
    search_fields = ["recipient", "subject", "dossier__receipt_code"]
    search_backend_name = None
    list_display = ["subject", "dossier", "event", "channel", "recipient", "state", "attempts", "created_at", "sent_at"]
    form_fields = []  # read-only

    def get_queryset(self, request):
        return Notification.objects.select_related("dossier")

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in ("index", "index_results")]


class CalendarDayViewSet(ModelViewSet):
    """The announced swapped days off and make-up working days (the public holidays come from ``holidays``)."""

    model = CalendarDay
    icon = "date"
    menu_label = _("Ngày nghỉ, ngày làm bù")
    add_to_settings_menu = True
    url_prefix = "ngay-nghi-lam-bu"
    copy_view_enabled = False
    ordering = ["-date"]
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    form_fields = ["date", "kind", "note"]


outbox_viewset = OutboxViewSet("dossier_outbox")
calendar_viewset = CalendarDayViewSet("work_calendar")
