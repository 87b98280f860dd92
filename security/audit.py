"""Who received, moved and opened a dossier: entries in Wagtail's audit log.

Status changes are logged from the ``DossierStatusChange`` rows the desk
already writes (a ``post_save`` signal, in the same transaction); file
downloads by ``log_file_download``, on the ``dossier_file_downloaded`` signal
that the officers' download view sends before handing the file out.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action

from online_services.models import Dossier, DossierStatusChange
from online_services.signals import dossier_file_downloaded

RECEIVED = "portal.dossier.received"
STATUS_CHANGED = "portal.dossier.status"
FILE_DOWNLOADED = "portal.dossier.file_download"


def _status_label(value: str) -> str:
    return str(Dossier.Status(value).label) if value in Dossier.Status.values else value


@hooks.register("register_log_actions")
def register_dossier_log_actions(actions):
    from .models import DossierLogEntry

    actions.register_model(Dossier, DossierLogEntry)

    actions.register_action(RECEIVED, _("Tiếp nhận hồ sơ"), _("Hồ sơ được nộp trực tuyến và tiếp nhận"))

    @actions.register_action(STATUS_CHANGED)
    class StatusChanged(LogFormatter):
        label = _("Chuyển trạng thái hồ sơ")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Chuyển hồ sơ từ “%(from)s” sang “%(to)s”") % {
                "from": _status_label(data.get("from", "")),
                "to": _status_label(data.get("to", "")),
            }

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")

    @actions.register_action(FILE_DOWNLOADED)
    class FileDownloaded(LogFormatter):
        label = _("Tải tệp hồ sơ")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Tải tệp “%(name)s” (%(label)s)") % {"name": data.get("file", ""), "label": data.get("label", "")}


@receiver(post_save, sender=DossierStatusChange)
def log_status_change(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    dossier = instance.dossier
    if not instance.from_status:
        log_action(dossier, RECEIVED, user=instance.changed_by, data={"to": instance.to_status})
        return
    log_action(
        dossier,
        STATUS_CHANGED,
        user=instance.changed_by,
        data={"from": instance.from_status, "to": instance.to_status, "comment": instance.comment},
    )


@receiver(dossier_file_downloaded)
def log_download_signal(sender, user, dossier_file, **kwargs) -> None:
    log_file_download(user, dossier_file)


def log_file_download(user, dossier_file) -> None:
    """Every file the officers' download view hands out."""
    log_action(
        dossier_file.dossier,
        FILE_DOWNLOADED,
        user=user,
        data={"file_id": dossier_file.pk, "file": dossier_file.original_name, "label": dossier_file.label},
    )
