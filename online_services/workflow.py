"""The dossier's life after the receipt: every step the desk or the citizen takes, with its message.

Each function checks what it needs (the dossier's state, the mover's rights,
the data), makes the move through ``Dossier.move`` (row lock, status graph,
version check, history row) and writes the citizen's messages to the outbox
(``notifications.notify``) in the same transaction; the messages leave after
the commit. Refusals raise ``django.core.exceptions.ValidationError``
subclasses with a translated message, and nothing is changed.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sites.models import Agency

from .models import (
    Appointment,
    Dossier,
    DossierFile,
    InvalidTransition,
    StaleDossier,
    SupplementItem,
    SupplementRequest,
)
from .notifications import notify
from .storage import dossier_file_path, private_storage
from .workdays import add_working_days

logger = logging.getLogger("portal.services")

NOT_WAITING = _("Hồ sơ này hiện không chờ bổ sung giấy tờ; không có gì được thay đổi.")
TRANSFER_NOT_ALLOWED = _("Thủ tục này không cho phép chuyển hồ sơ đến “%(agency)s”.")
RESULT_FILE_REQUIRED = _("Thủ tục này trả kết quả trực tuyến: vui lòng đính kèm tệp kết quả (PDF).")
NO_ITEMS = _("Vui lòng ghi ít nhất một giấy tờ cần bổ sung.")
NOT_AN_OFFICER = _("Chỉ giao hồ sơ cho cán bộ của cơ quan đang giải quyết hồ sơ.")
BAD_NEW_DATE = _("Ngày hẹn lại phải sau ngày hẹn hiện tại và sau hôm nay.")
NO_DUE_DATE = _("Hồ sơ không có ngày hẹn trả kết quả; không thể hẹn lại.")
CLOSED = _("Hồ sơ đã kết thúc xử lý.")

__all__ = [
    "InvalidTransition",
    "StaleDossier",
    "allowed_transfer_targets",
    "assign",
    "mark_result_ready",
    "officer_move",
    "request_supplement",
    "reschedule",
    "submit_supplement",
    "transfer",
    "withdraw",
]


def officer_move(dossier: Dossier, to_status: str, *, user, comment: str = "", expected_version=None):
    """A plain move of the desk (processing, rejected, result returned…), told to the citizen."""
    with transaction.atomic():
        change = dossier.transition(to_status, user=user, comment=comment, expected_version=expected_version)
        notify(dossier, to_status, notice=comment)
    return change


def request_supplement(
    dossier: Dossier, *, user, items: list[tuple[str, str]], message: str = "", expected_version=None
) -> SupplementRequest:
    """Ask for missing documents: one line per item, each optionally tied to a dossier component."""
    items = [(d.strip(), (c or "").strip()) for d, c in items if d and d.strip()]
    if not items:
        raise ValidationError(NO_ITEMS, code="no_items")
    with transaction.atomic():
        dossier.move(
            Dossier.Status.SUPPLEMENT_REQUESTED,
            user=user,
            comment=message,
            notice="\n".join(d for d, _c in items),
            expected_version=expected_version,
        )
        request = SupplementRequest.objects.create(dossier=dossier, requested_by=user, message=message)
        created = SupplementItem.objects.bulk_create(
            SupplementItem(request=request, description=d[:500], component=c[:255], sort_order=i)
            for i, (d, c) in enumerate(items)
        )
        notify(dossier, Dossier.Status.SUPPLEMENT_REQUESTED, notice=message, context={"items": created})
    return request


def open_supplement(dossier: Dossier) -> SupplementRequest | None:
    if dossier.status != Dossier.Status.SUPPLEMENT_REQUESTED:
        return None
    return dossier.supplements.filter(answered_at__isnull=True).order_by("-requested_at", "-pk").first()


def submit_supplement(dossier: Dossier, *, uploads: dict, reply: str = "") -> SupplementRequest:
    """The citizen's answer: files per item (already checked by ``DossierFileField``) and a reply.

    The dossier is now complete: the due date is counted afresh from today,
    in working days (Decree 61/2018 art. 18).
    """
    request = open_supplement(dossier)
    if request is None:
        raise InvalidTransition(NOT_WAITING, code="not_waiting")
    items = {item.pk: item for item in request.items.all()}
    storage = private_storage()
    written: list[str] = []
    today = timezone.localdate()
    try:
        with transaction.atomic():
            updates = {"complete_on": today, "new_due_date": None}
            if dossier.working_days is not None:
                updates["due_date"] = add_working_days(today, dossier.working_days)
            dossier.move(
                Dossier.Status.SUPPLEMENT_RECEIVED,
                actor="citizen",
                comment=reply,
                expected_version=dossier.version,
                updates=updates,
            )
            for item_pk, uploaded in uploads.items():
                if not uploaded:
                    continue
                item = items[item_pk]
                path = storage.save(dossier_file_path(None, uploaded.safe_name), uploaded)
                written.append(path)
                DossierFile.objects.create(
                    dossier=dossier,
                    kind=DossierFile.Kind.SUPPLEMENT,
                    supplement_item=item,
                    field_name=f"bo-sung-{item.pk}",
                    label=(item.component or item.description)[:255],
                    file=path,
                    original_name=uploaded.safe_name,
                    content_type=uploaded.detected_type,
                    size=uploaded.size,
                )
            request.answered_at = timezone.now()
            request.reply = reply
            request.save(update_fields=["answered_at", "reply"])
            notify(dossier, Dossier.Status.SUPPLEMENT_RECEIVED)
    except BaseException:
        _remove(storage, written)
        raise
    return request


def allowed_transfer_targets(dossier: Dossier):
    """The agency above the one holding the dossier, and the agencies the procedure's form lists."""
    ids = set()
    if dossier.agency.parent_id:
        ids.add(dossier.agency.parent_id)
    if dossier.service_page_id:
        ids |= set(dossier.service_page.transfer_agencies.values_list("pk", flat=True))
    ids.discard(dossier.agency_id)
    return Agency.objects.filter(pk__in=ids, is_active=True).order_by("name")


def transfer(dossier: Dossier, to_agency: Agency, *, user, note: str = "", expected_version=None):
    """Send the dossier to another agency (liên thông); the sender keeps a read-only view."""
    if not allowed_transfer_targets(dossier).filter(pk=to_agency.pk).exists():
        raise ValidationError(TRANSFER_NOT_ALLOWED % {"agency": to_agency.name}, code="transfer_not_allowed")
    with transaction.atomic():
        change = dossier.move(
            Dossier.Status.TRANSFERRED,
            user=user,
            comment=note,
            expected_version=expected_version,
            from_agency=dossier.agency,
            to_agency=to_agency,
            updates={"agency": to_agency, "assigned_to": None},
        )
        dossier.agency = to_agency
        notify(dossier, Dossier.Status.TRANSFERRED)
    return change


def mark_result_ready(dossier: Dossier, *, user, result_file=None, note: str = "", expected_version=None):
    """The result is ready: where and when to collect it, or (results online) the PDF to download.

    ``result_file`` has passed ``DossierFileField(extensions=["pdf"])`` (name, size, content).
    """
    if dossier.results_online and not result_file:
        raise ValidationError(RESULT_FILE_REQUIRED, code="result_required")
    storage = private_storage()
    written: list[str] = []
    try:
        with transaction.atomic():
            change = dossier.move(
                Dossier.Status.RESULT_READY,
                user=user,
                comment=note,
                notice=note,
                expected_version=expected_version,
                updates={"result_note": note},
            )
            if result_file:
                path = storage.save(dossier_file_path(None, result_file.safe_name), result_file)
                written.append(path)
                DossierFile.objects.create(
                    dossier=dossier,
                    kind=DossierFile.Kind.RESULT,
                    field_name="ket-qua",
                    label=str(_("Kết quả giải quyết")),
                    file=path,
                    original_name=result_file.safe_name,
                    content_type=result_file.detected_type,
                    size=result_file.size,
                )
            notify(dossier, Dossier.Status.RESULT_READY, notice=note)
    except BaseException:
        _remove(storage, written)
        raise
    return change


def withdraw(dossier: Dossier, *, reason: str = ""):
    """The citizen withdraws the dossier (only while it is still only received: the graph says so)."""
    with transaction.atomic():
        change = dossier.move(Dossier.Status.WITHDRAWN, actor="citizen", comment=reason)
        notify(dossier, Dossier.Status.WITHDRAWN)
    return change


def reschedule(dossier: Dossier, *, user, new_date, reason: str, expected_version=None) -> Appointment:
    """A new appointment for a late dossier, with the apology; the original due date is kept."""
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleDossier(
                _("Hồ sơ %(code)s vừa được cán bộ khác cập nhật. Vui lòng xem lại hồ sơ trước khi xử lý tiếp.")
                % {"code": locked.receipt_code},
                code="stale",
            )
        if not locked.is_open:
            raise ValidationError(CLOSED, code="closed")
        if locked.due_date is None:
            raise ValidationError(NO_DUE_DATE, code="no_due_date")
        current = locked.appointment_date
        if new_date <= current or new_date <= timezone.localdate():
            raise ValidationError(BAD_NEW_DATE, code="bad_date")
        appointment = Appointment.objects.create(
            dossier=locked, previous_date=current, new_date=new_date, reason=reason, created_by=user
        )
        locked.new_due_date = new_date
        locked.version += 1
        locked.save(update_fields=["new_due_date", "version", "updated_at"])
        dossier.new_due_date, dossier.version = new_date, locked.version
        notify(locked, "appointment", context={"appointment": appointment})
    return appointment


def assign(dossier: Dossier, officer, *, by=None) -> None:
    """Give the dossier to one officer of the agency holding it (``None`` takes it back)."""
    if officer is not None:
        group = dossier.agency.officers_group_id
        if not officer.is_active or not officer.groups.filter(pk=group).exists():
            raise ValidationError(NOT_AN_OFFICER, code="not_an_officer")
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(assigned_to=officer, updated_at=timezone.now())
    dossier.assigned_to = officer


def officers_of(agency):
    from django.contrib.auth import get_user_model

    if not agency.officers_group_id:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(groups=agency.officers_group_id, is_active=True).order_by("username")


def _remove(storage, paths):
    for path in paths:
        try:
            storage.delete(path)
        except OSError:
            logger.exception("Could not remove %s after a failed step", path)
