"""Dossiers (hồ sơ) and their life after the receipt, as the one-stop desk (Bộ phận Một cửa) runs it.

A dossier moves along ``Dossier.TRANSITIONS`` only; ``Dossier.move`` checks the
move (graph, who may make it, the version the mover saw) under a row lock, and
writes the history row in the same transaction. The moves that need more than
a comment (asking for documents, receiving them, transferring, the result)
are in ``online_services.workflow`` and all go through ``move``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.models import Agency

from ..storage import dossier_file_path, private_storage
from .pages import OnlineServicePage


class InvalidTransition(ValidationError):
    """A move the status graph (or the mover's role) does not allow."""


class StaleDossier(ValidationError):
    """Someone else moved the dossier since the mover loaded it."""


class DossierQuerySet(models.QuerySet):
    def _officer_groups(self, user):
        return user.groups.values_list("pk", flat=True)

    def for_user(self, user):
        """What an officer may see: their agencies' dossiers, and those they transferred out (read-only)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.has_perm("online_services.view_dossier"):
            return self.none()
        groups = self._officer_groups(user)
        sent = DossierStatusChange.objects.filter(from_agency__officers_group__in=groups).values("dossier_id")
        return self.filter(Q(agency__officers_group__in=groups) | Q(pk__in=sent))

    def editable_by(self, user):
        """What an officer may move: their agencies' dossiers only."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.has_perm("online_services.change_dossier"):
            return self.none()
        return self.filter(agency__officers_group__in=self._officer_groups(user))

    def open(self):
        return self.exclude(status__in=Dossier.CLOSED)


class Dossier(models.Model):
    """A dossier received online (hồ sơ), followed by its receipt code (Decree 61/2018)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        PROCESSING = "processing", _("Đang xử lý")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung hồ sơ")
        SUPPLEMENT_RECEIVED = "supplement_received", _("Đã nhận hồ sơ bổ sung")
        TRANSFERRED = "transferred", _("Chuyển liên thông")
        RESULT_READY = "result_ready", _("Đã có kết quả")
        RESULT_RETURNED = "result_returned", _("Đã trả kết quả")
        REJECTED = "rejected", _("Từ chối giải quyết")
        WITHDRAWN = "withdrawn", _("Công dân rút hồ sơ")

    S = Status
    TRANSITIONS = {
        S.RECEIVED: [S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.TRANSFERRED, S.REJECTED, S.WITHDRAWN],
        S.PROCESSING: [S.SUPPLEMENT_REQUESTED, S.TRANSFERRED, S.RESULT_READY, S.REJECTED],
        S.SUPPLEMENT_REQUESTED: [S.SUPPLEMENT_RECEIVED, S.REJECTED],
        S.SUPPLEMENT_RECEIVED: [S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.TRANSFERRED, S.RESULT_READY, S.REJECTED],
        S.TRANSFERRED: [S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.TRANSFERRED, S.REJECTED],
        S.RESULT_READY: [S.RESULT_RETURNED],
        S.RESULT_RETURNED: [],
        S.REJECTED: [],
        S.WITHDRAWN: [],
    }
    #: Moves only the citizen makes (from the lookup page); every other move is the desk's.
    CITIZEN_MOVES = {S.SUPPLEMENT_RECEIVED, S.WITHDRAWN}
    #: Moves that need more than a comment: made through ``online_services.workflow``.
    MOVES_WITH_DATA = {S.SUPPLEMENT_REQUESTED, S.SUPPLEMENT_RECEIVED, S.TRANSFERRED, S.WITHDRAWN}
    #: The dossier is settled: its completion time is set on entering these.
    SETTLED = {S.RESULT_READY, S.REJECTED}
    CLOSED = [S.RESULT_READY, S.RESULT_RETURNED, S.REJECTED, S.WITHDRAWN]
    del S

    receipt_code = models.CharField(_("mã hồ sơ"), max_length=20, unique=True, editable=False)
    procedure = models.ForeignKey(
        "procedures.ProcedurePage",
        verbose_name=_("thủ tục hành chính"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    service_page = models.ForeignKey(
        OnlineServicePage, null=True, on_delete=models.SET_NULL, related_name="dossiers", editable=False
    )
    # Kept on the row so the dossier reads the same after the procedure changes.
    procedure_code = models.CharField(_("mã thủ tục"), max_length=64)
    procedure_title = models.CharField(_("tên thủ tục"), max_length=255)
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="dossiers")
    applicant_name = models.CharField(_("họ và tên người nộp"), max_length=255)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=10, default="vi")
    form_data = models.JSONField(_("nội dung tờ khai"), encoder=DjangoJSONEncoder, default=dict)
    status = models.CharField(_("trạng thái"), max_length=24, choices=Status.choices, default=Status.RECEIVED)
    submitted_at = models.DateTimeField(_("ngày nộp"), default=timezone.now)
    working_days = models.PositiveSmallIntegerField(_("thời hạn giải quyết (ngày làm việc)"), null=True, blank=True)
    complete_on = models.DateField(_("ngày nhận đủ hồ sơ"), null=True, blank=True)
    due_date = models.DateField(_("ngày hẹn trả kết quả"), null=True, blank=True)
    new_due_date = models.DateField(_("ngày hẹn lại"), null=True, blank=True)
    completed_at = models.DateTimeField(_("thời điểm có kết quả"), null=True, blank=True)
    result_note = models.TextField(_("nơi và thời gian nhận kết quả"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ thụ lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=0, editable=False)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        db_table = "procedures_dossier"
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["agency", "status", "-submitted_at"], name="dossier_queue_idx"),
            models.Index(fields=["agency", "due_date"], name="dossier_due_idx"),
        ]

    def __str__(self) -> str:
        return self.receipt_code

    # ----- reading -----

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED

    @property
    def is_settled(self) -> bool:
        return self.completed_at is not None

    @property
    def appointment_date(self):
        """The date the citizen is now told: the new appointment if one was issued, else the due date."""
        return self.new_due_date or self.due_date

    @property
    def is_late(self) -> bool:
        """Late, computed from the due date and the completion time, never typed (Decree 61/2018 art. 33)."""
        if self.due_date is None or self.status == self.Status.WITHDRAWN:
            return False
        if self.completed_at is not None:
            return timezone.localdate(self.completed_at) > self.due_date
        return self.status not in self.CLOSED and timezone.localdate() > self.due_date

    @property
    def on_time(self) -> bool | None:
        """True/False once settled; None while open."""
        if self.completed_at is None:
            return None
        return not self.is_late

    @property
    def results_online(self) -> bool:
        return bool(self.service_page_id and self.service_page.results_online)

    @property
    def allowed_next(self) -> list[str]:
        return list(self.TRANSITIONS[self.Status(self.status)])

    def officer_moves(self) -> list[str]:
        """The plain moves an officer can make from the status form (the others have their own forms)."""
        return [s for s in self.allowed_next if s not in self.CITIZEN_MOVES and s not in self.MOVES_WITH_DATA]

    def allowed_next_choices(self) -> list[tuple[str, str]]:
        return [(s, self.Status(s).label) for s in self.officer_moves()]

    # ----- moving -----

    def move(
        self,
        to_status: str,
        *,
        actor: str = "officer",
        user=None,
        comment: str = "",
        notice: str = "",
        expected_version: int | None = None,
        updates: dict | None = None,
        from_agency=None,
        to_agency=None,
    ) -> DossierStatusChange:
        """Move to ``to_status`` under a row lock; the one door every status change goes through.

        Raises ``InvalidTransition`` for a move the graph or the actor may not make,
        ``StaleDossier`` when ``expected_version`` is given and someone moved the dossier since.
        ``updates`` are other fields written with the move (due dates, agency…).
        """
        with transaction.atomic():
            locked = Dossier.objects.select_for_update().get(pk=self.pk)
            if expected_version is not None and locked.version != expected_version:
                raise StaleDossier(
                    _(
                        "Hồ sơ %(code)s vừa được cán bộ khác cập nhật (trạng thái hiện tại: “%(status)s”). "
                        "Vui lòng xem lại hồ sơ trước khi xử lý tiếp."
                    )
                    % {"code": locked.receipt_code, "status": Dossier.Status(locked.status).label},
                    code="stale",
                )
            check_move(locked.status, to_status, actor)
            updates = dict(updates or {})
            if to_status in self.SETTLED and locked.completed_at is None:
                updates.setdefault("completed_at", timezone.now())
            change = DossierStatusChange.objects.create(
                dossier=locked,
                from_status=locked.status,
                to_status=to_status,
                changed_by=user if getattr(user, "is_authenticated", False) else None,
                comment=comment,
                notice=notice,
                from_agency=from_agency,
                to_agency=to_agency,
            )
            locked.status = to_status
            locked.version += 1
            for field, value in updates.items():
                setattr(locked, field, value)
            locked.save(update_fields=["status", "version", "updated_at", *updates])
        for field in ["status", "version", "updated_at", *updates]:
            setattr(self, field, getattr(locked, field))
        return change

    def transition(self, to_status: str, *, user=None, comment: str = "", expected_version=None):
        """A plain officer move (no data but a comment); the citizen is notified by ``workflow.officer_move``."""
        if to_status in self.MOVES_WITH_DATA:
            raise InvalidTransition(
                _("Bước “%(to)s” phải được thực hiện bằng biểu mẫu riêng của nó.")
                % {"to": Dossier.Status(to_status).label},
                code="needs_form",
            )
        return self.move(to_status, user=user, comment=comment, expected_version=expected_version)


def check_move(from_status: str, to_status: str, actor: str) -> None:
    """Raise ``InvalidTransition`` unless the graph lets ``actor`` move from ``from_status`` to ``to_status``."""
    valid = to_status in Dossier.Status.values
    allowed = valid and to_status in Dossier.TRANSITIONS[Dossier.Status(from_status)]
    citizen_move = to_status in Dossier.CITIZEN_MOVES
    if not allowed or citizen_move != (actor == "citizen"):
        raise InvalidTransition(
            _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”.")
            % {
                "from": Dossier.Status(from_status).label,
                "to": Dossier.Status(to_status).label if valid else to_status,
            },
            code="invalid_transition",
        )


class DossierStatusChange(models.Model):
    """One line of a dossier's history: who moved it, when, from which status to which, why, what the citizen was told."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("từ trạng thái"), max_length=24, choices=Dossier.Status.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=24, choices=Dossier.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    comment = models.TextField(_("ghi chú"), blank=True)
    notice = models.TextField(_("thông báo gửi công dân"), blank=True)
    from_agency = models.ForeignKey(
        Agency, verbose_name=_("chuyển từ cơ quan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_agency = models.ForeignKey(
        Agency, verbose_name=_("chuyển đến cơ quan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        db_table = "procedures_dossierstatuschange"
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.from_status} → {self.to_status}"


class SupplementRequest(models.Model):
    """A request for missing documents (yêu cầu bổ sung hồ sơ) and the citizen's answer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("ngày yêu cầu"), default=timezone.now)
    message = models.TextField(_("nội dung yêu cầu"), blank=True)
    answered_at = models.DateTimeField(_("ngày bổ sung"), null=True, blank=True)
    reply = models.TextField(_("ý kiến của công dân"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu bổ sung hồ sơ")
        verbose_name_plural = _("yêu cầu bổ sung hồ sơ")
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} @ {self.requested_at:%Y-%m-%d}"


class SupplementItem(models.Model):
    """One missing document, optionally tied to a dossier component of the form."""

    request = models.ForeignKey(SupplementRequest, on_delete=models.CASCADE, related_name="items")
    description = models.CharField(_("giấy tờ cần bổ sung"), max_length=500)
    component = models.CharField(_("thành phần hồ sơ"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("giấy tờ cần bổ sung")
        verbose_name_plural = _("giấy tờ cần bổ sung")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.description


class DossierFile(models.Model):
    """One file of a dossier, stored under PRIVATE_MEDIA_ROOT and never served by URL."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Hồ sơ nộp")
        SUPPLEMENT = "supplement", _("Hồ sơ bổ sung")
        RESULT = "result", _("Kết quả giải quyết")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.SUBMISSION)
    supplement_item = models.ForeignKey(
        SupplementItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    field_name = models.CharField(_("trường"), max_length=255)
    label = models.CharField(_("thành phần hồ sơ"), max_length=255)
    file = models.FileField(_("tệp"), storage=private_storage, upload_to=dossier_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        db_table = "procedures_dossierfile"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Appointment(models.Model):
    """A new appointment for a late dossier, with the apology (phiếu xin lỗi và hẹn lại ngày trả kết quả)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="appointments")
    previous_date = models.DateField(_("ngày hẹn trước"))
    new_date = models.DateField(_("ngày hẹn lại"))
    reason = models.TextField(_("lý do chậm"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày lập phiếu"), default=timezone.now)

    class Meta:
        verbose_name = _("phiếu xin lỗi và hẹn lại ngày trả kết quả")
        verbose_name_plural = _("phiếu xin lỗi và hẹn lại ngày trả kết quả")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.previous_date} → {self.new_date}"


__all__ = [
    "Appointment",
    "Dossier",
    "DossierFile",
    "DossierQuerySet",
    "DossierStatusChange",
    "InvalidTransition",
    "StaleDossier",
    "SupplementItem",
    "SupplementRequest",
    "check_move",
]
