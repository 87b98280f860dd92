"""The one-stop desk's queue in the Wagtail admin: an agency's officers see only their dossiers."""

from __future__ import annotations

import csv
import datetime as dt
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import StatusChangeForm
from .models import Dossier, DossierFile, InvalidTransition
from .signals import dossier_file_downloaded


class Forbidden(PermissionDenied):
    """Answered with a real 403 (Wagtail's admin would turn PermissionDenied into a redirect home)."""


def forbidden_as_403(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden:
            return TemplateResponse(request, "online_services/admin/forbidden.html", status=403)

    return wrapper


def _require_view(user):
    if not (user.is_superuser or user.has_perm("online_services.view_dossier")):
        raise Forbidden


def visible_dossier(user, pk: int) -> Dossier:
    """The dossier if the user's agency owns it; 403 for another agency's, 404 if none."""
    _require_view(user)
    dossier = get_object_or_404(Dossier.objects.select_related("agency", "procedure"), pk=pk)
    if not Dossier.objects.for_user(user).filter(pk=pk).exists():
        raise Forbidden
    return dossier


def _date(value: str):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def filtered_queryset(request):
    qs = Dossier.objects.for_user(request.user).select_related("agency")
    params = request.GET
    status = params.get("status", "")
    if status in Dossier.Status.values:
        qs = qs.filter(status=status)
    procedure = params.get("procedure", "").strip()
    if procedure:
        qs = qs.filter(procedure_code=procedure)
    q = params.get("q", "").strip()
    if q:
        qs = qs.filter(Q(receipt_code__icontains=q) | Q(applicant_name__icontains=q) | Q(applicant_phone__icontains=q))
    if start := _date(params.get("from")):
        qs = qs.filter(submitted_at__date__gte=start)
    if end := _date(params.get("to")):
        qs = qs.filter(submitted_at__date__lte=end)
    if params.get("overdue") == "1":
        qs = qs.filter(due_date__lt=timezone.localdate()).exclude(
            status__in=[Dossier.Status.COMPLETED, Dossier.Status.REJECTED]
        )
    return qs.order_by("-submitted_at")


@forbidden_as_403
def index(request):
    _require_view(request.user)
    qs = filtered_queryset(request)
    if request.GET.get("format") == "csv":
        return export_csv(qs)
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    procedures = (
        Dossier.objects.for_user(request.user)
        .order_by("procedure_code")
        .values_list("procedure_code", "procedure_title")
        .distinct()
    )
    query = request.GET.copy()
    query.pop("p", None)
    query.pop("format", None)
    context = {
        "page_obj": page,
        "statuses": Dossier.Status.choices,
        "procedures": list(procedures),
        "params": request.GET,
        "querystring": query.urlencode(),
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "online_services/admin/index.html", context)


def export_csv(qs) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ho-so.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 Vietnamese correctly
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Mã hồ sơ"),
            _("Mã thủ tục"),
            _("Tên thủ tục"),
            _("Cơ quan"),
            _("Họ và tên người nộp"),
            _("Số điện thoại"),
            _("Thư điện tử"),
            _("Trạng thái"),
            _("Ngày nộp"),
            _("Ngày hẹn trả kết quả"),
        ]
    )
    for d in qs.iterator(chunk_size=500):
        writer.writerow(
            [
                d.receipt_code,
                d.procedure_code,
                d.procedure_title,
                d.agency.name,
                _csv_safe(d.applicant_name),
                _csv_safe(d.applicant_phone),
                _csv_safe(d.applicant_email),
                d.get_status_display(),
                timezone.localtime(d.submitted_at).strftime("%Y-%m-%d %H:%M"),
                d.due_date.isoformat() if d.due_date else "",
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Citizens type these: neutralise spreadsheet formulas (CSV injection)."""
    return "'" + value if value and value[0] in "=+-@\t\r" else value


@forbidden_as_403
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    dossier = visible_dossier(request.user, pk)
    form = StatusChangeForm(dossier=dossier)
    if request.method == "POST":
        if not (request.user.is_superuser or request.user.has_perm("online_services.change_dossier")):
            raise Forbidden
        form = StatusChangeForm(request.POST, dossier=dossier)
        if form.is_valid():
            try:
                dossier.transition(
                    form.cleaned_data["to_status"], user=request.user, comment=form.cleaned_data["comment"]
                )
            except InvalidTransition as exc:
                form.add_error("to_status", exc)
            else:
                messages.success(
                    request,
                    _("Hồ sơ %(code)s đã chuyển sang “%(status)s”.")
                    % {"code": dossier.receipt_code, "status": dossier.get_status_display()},
                )
                return redirect("online_services_admin:detail", pk=dossier.pk)
    context = {
        "dossier": dossier,
        "files": list(dossier.files.all()),
        "history": list(dossier.history.select_related("changed_by")),
        "form": form,
        "labels": _field_labels(dossier),
    }
    return TemplateResponse(request, "online_services/admin/detail.html", context)


def _field_labels(dossier) -> list[tuple[str, object]]:
    labels = {}
    if dossier.service_page_id:
        labels = {f.clean_name: f.label for f in dossier.service_page.form_fields.all()}
    return [(labels.get(name, name), value) for name, value in dossier.form_data.items()]


@forbidden_as_403
def download(request, pk: int, file_pk: int):
    dossier = visible_dossier(request.user, pk)
    item = get_object_or_404(DossierFile, pk=file_pk, dossier=dossier)
    # The audit trail (security/audit.py) listens: a download it cannot record is not handed out.
    dossier_file_downloaded.send(sender=DossierFile, user=request.user, dossier_file=item)
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
