"""A small SMS gateway interface: ``send(phone, text)``; the backend is ``settings.SMS_BACKEND``.

The default backend writes to the log; the outbox table (``Notification``)
keeps every message either way. A real gateway (a carrier's HTTP API) is a
class with the same ``send`` that raises on failure, so the outbox records it
and ``manage.py send_notifications`` retries.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("portal.services.sms")


class BaseSmsBackend:
    def send(self, phone: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class LogSmsBackend(BaseSmsBackend):
    """Writes the message to the log (the demo and the tests): nothing leaves the machine."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


def get_backend() -> BaseSmsBackend:
    return import_string(getattr(settings, "SMS_BACKEND", "online_services.sms.LogSmsBackend"))()
