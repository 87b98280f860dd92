"""The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) by email, in the applicant's language."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger("portal.services")


def lookup_url(dossier) -> str:
    path = reverse("online_services:lookup")
    return f"{dossier.agency.root_url}{path}"


def send_receipt_email(dossier_id: int) -> bool:
    """Sent after the dossier is committed; a mail failure never loses the dossier."""
    from .models import Dossier

    dossier = Dossier.objects.select_related("agency").filter(pk=dossier_id).first()
    if dossier is None or not dossier.applicant_email:
        return False
    with translation.override(dossier.language or settings.LANGUAGE_CODE):
        context = {
            "dossier": dossier,
            "files": list(dossier.files.all()),
            "lookup_url": lookup_url(dossier),
            "agency_name": dossier.agency.display_name,
        }
        subject = gettext("Giấy tiếp nhận hồ sơ và hẹn trả kết quả – %(code)s") % {"code": dossier.receipt_code}
        body = render_to_string("online_services/email/receipt.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [dossier.applicant_email])
    try:
        message.send()
    except Exception:  # the dossier is stored; the receipt page still shows the code
        logger.exception("Could not send the receipt of dossier %s", dossier.receipt_code)
        return False
    return True
