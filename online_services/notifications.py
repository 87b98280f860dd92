"""Messages to the citizen on every move they see, by email and SMS, through the outbox.

``notify`` writes the messages (``Notification`` rows, rendered in the
dossier's language) in the caller's transaction and asks for them to be sent
after the commit: a rolled-back move sends nothing, and a mail server that is
down or slow never loses the move (the row stays ``failed`` with the error)
and costs the officer at most ``EMAIL_TIMEOUT``. ``manage.py
send_notifications`` retries what failed or was never sent.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .sms import get_backend

logger = logging.getLogger("portal.services")

MAX_ATTEMPTS = 5

#: What the citizen is told, per event (a status the dossier enters, or ``appointment``).
HEADLINES = {
    "received": _("Hồ sơ của bạn đã được tiếp nhận."),
    "processing": _("Hồ sơ của bạn đang được xử lý."),
    "supplement_requested": _("Cơ quan giải quyết đề nghị bạn bổ sung hồ sơ."),
    "supplement_received": _("Cơ quan giải quyết đã nhận hồ sơ bổ sung của bạn."),
    "transferred": _("Hồ sơ của bạn đã được chuyển liên thông đến %(agency)s để giải quyết."),
    "result_ready": _("Hồ sơ của bạn đã có kết quả."),
    "result_returned": _("Kết quả giải quyết hồ sơ đã được trả cho bạn."),
    "rejected": _("Hồ sơ của bạn không được giải quyết."),
    "withdrawn": _("Bạn đã rút hồ sơ; cơ quan giải quyết dừng xử lý hồ sơ."),
    "appointment": _("Phiếu xin lỗi và hẹn lại ngày trả kết quả."),
}


def lookup_url(dossier) -> str:
    return f"{dossier.agency.root_url}{reverse('online_services:lookup')}?code={dossier.receipt_code}"


def notify(dossier, event: str, *, notice: str = "", context: dict | None = None) -> list:
    """Write this event's messages to the outbox and send them once the transaction commits."""
    from .models import Notification

    rows = []
    with translation.override(dossier.language or settings.LANGUAGE_CODE):
        ctx = {
            "dossier": dossier,
            "event": event,
            "notice": notice,
            "lookup_url": lookup_url(dossier),
            "agency_name": dossier.agency.display_name,
            **(context or {}),
        }
        headline = str(HEADLINES[event])
        ctx["headline"] = headline % {"agency": ctx["agency_name"]} if "%(agency)s" in headline else headline
        template = "online_services/email/receipt.txt" if event == "received" else "online_services/email/notice.txt"
        if dossier.applicant_email:
            subject = (
                gettext("Giấy tiếp nhận hồ sơ và hẹn trả kết quả – %(code)s")
                if event == "received"
                else gettext("Hồ sơ %(code)s: %(status)s")
            ) % {"code": dossier.receipt_code, "status": _event_label(event)}
            rows.append(
                Notification(
                    dossier=dossier,
                    event=event,
                    channel=Notification.Channel.EMAIL,
                    recipient=dossier.applicant_email,
                    language=dossier.language,
                    subject=subject[:255],
                    body=render_to_string(template, ctx),
                )
            )
        if dossier.applicant_phone:
            text = gettext("Hồ sơ %(code)s: %(headline)s Tra cứu: %(url)s") % {
                "code": dossier.receipt_code,
                "headline": ctx["headline"],
                "url": ctx["lookup_url"],
            }
            rows.append(
                Notification(
                    dossier=dossier,
                    event=event,
                    channel=Notification.Channel.SMS,
                    recipient=dossier.applicant_phone,
                    language=dossier.language,
                    body=text,
                )
            )
    Notification.objects.bulk_create(rows)
    ids = [n.pk for n in rows]
    if ids:
        transaction.on_commit(partial(send_notifications, ids))
    return rows


def _event_label(event: str) -> str:
    from .models import Dossier

    if event in Dossier.Status.values:
        return str(Dossier.Status(event).label)
    return gettext("Phiếu xin lỗi và hẹn lại ngày trả kết quả")


def send_notifications(ids) -> int:
    """Send these outbox rows; returns how many went. Never raises: failures stay in the outbox."""
    from .models import Notification

    sent = 0
    connection = None
    for item in Notification.objects.filter(pk__in=ids).exclude(state=Notification.State.SENT).order_by("pk"):
        try:
            if item.channel == Notification.Channel.EMAIL:
                if connection is None:
                    connection = get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 10)
                EmailMessage(
                    item.subject, item.body, settings.DEFAULT_FROM_EMAIL, [item.recipient], connection=connection
                ).send()
            else:
                get_backend().send(item.recipient, item.body)
        except Exception as exc:  # the move is committed; the outbox keeps the failure for the retry command
            logger.warning("Could not send notification %s (%s): %s", item.pk, item.channel, exc)
            item.state = Notification.State.FAILED
            item.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            item.attempts += 1
            item.save(update_fields=["state", "last_error", "attempts"])
            if item.channel == Notification.Channel.EMAIL:
                connection = _Dead(exc)  # one dead mail server is enough: do not wait a timeout per message
            continue
        item.state = Notification.State.SENT
        item.sent_at = timezone.now()
        item.attempts += 1
        item.last_error = ""
        item.save(update_fields=["state", "sent_at", "attempts", "last_error"])
        sent += 1
    return sent


class _Dead:
    """Stands for a mail connection that already failed in this batch."""

    def __init__(self, exc):
        self.exc = exc

    def send_messages(self, messages):
        raise self.exc


def retry_failed(max_attempts: int = MAX_ATTEMPTS) -> tuple[int, int]:
    """What ``send_notifications`` (the command) does: (sent, still failing)."""
    from .models import Notification

    ids = list(
        Notification.objects.exclude(state=Notification.State.SENT)
        .filter(attempts__lt=max_attempts)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = send_notifications(ids)
    return sent, len(ids) - sent
