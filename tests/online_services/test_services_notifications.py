"""Notices to the citizen through the outbox, against a real mail server that is down, slow, or back.

Real sockets: a closed port (down), a server that accepts and never answers
(slow), and a minimal SMTP server (back). The status change is committed
whatever the mail server does, the officer waits at most EMAIL_TIMEOUT, the
outbox records the failure, and ``manage.py send_notifications`` retries.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time

import pytest

from django.core.management import call_command

from online_services import workflow
from online_services.factories import make_procedure, make_service_page
from online_services.models import Dossier, Notification
from sites.models import Agency
from sites.provisioning import provision_agencies
from tests.conftest import AGENCIES, ensure_tree_root

from .desk_fixtures import new_dossier

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Silent:
    """Accepts connections and never says a word (a mail server that hangs)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()


class SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 test ESMTP")
        in_data = False
        lines = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    self.server.messages.append("\n".join(lines))
                    lines = []
                    self.reply("250 OK queued")
                else:
                    lines.append(line)
                continue
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 test")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                in_data = True
                self.reply("354 go ahead")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 no")


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.messages: list[str] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_USE_TLS = False
    return settings


@pytest.fixture
def gtvt_form(transactional_db):
    ensure_tree_root()
    provision_agencies([dict(a) for a in AGENCIES])
    return make_service_page(make_procedure(Agency.objects.get(slug="so-gtvt")))


def move_and_time(dossier, officer=None):
    start = time.monotonic()
    workflow.officer_move(dossier, Dossier.Status.PROCESSING, user=officer, comment="Hồ sơ hợp lệ")
    return time.monotonic() - start


def test_mail_server_down_the_move_is_committed_and_the_command_retries(smtp, gtvt_form):
    smtp.EMAIL_PORT = free_port()  # nothing listens there
    dossier = new_dossier(gtvt_form)
    elapsed = move_and_time(dossier)
    assert elapsed < 3
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.PROCESSING  # committed
    mail = Notification.objects.get(dossier=dossier, channel="email")
    assert mail.state == Notification.State.FAILED and mail.attempts == 1
    assert "Connection refused" in mail.last_error or "Errno" in mail.last_error
    sms = Notification.objects.get(dossier=dossier, channel="sms")
    assert sms.state == Notification.State.SENT  # the log gateway does not depend on the mail server

    # The server comes back: the command sends what failed, once.
    server = SMTPServer()
    try:
        smtp.EMAIL_PORT = server.server_address[1]
        call_command("send_notifications")
        mail.refresh_from_db()
        assert mail.state == Notification.State.SENT and mail.attempts == 2 and mail.sent_at
        assert len(server.messages) == 1 and dossier.receipt_code in server.messages[0]
        call_command("send_notifications")
        assert len(server.messages) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_mail_server_that_never_answers_costs_at_most_the_timeout(smtp, gtvt_form):
    silent = Silent()
    try:
        smtp.EMAIL_PORT = silent.port
        dossier = new_dossier(gtvt_form)
        elapsed = move_and_time(dossier)
        assert 0.9 <= elapsed < 3  # one EMAIL_TIMEOUT (1 s), not one per message
        assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.PROCESSING
        mail = Notification.objects.get(dossier=dossier, channel="email")
        assert mail.state == Notification.State.FAILED
        assert "timed out" in mail.last_error.lower()
    finally:
        silent.close()


def test_a_rolled_back_move_sends_nothing(smtp, gtvt_form):
    server = SMTPServer()
    try:
        smtp.EMAIL_PORT = server.server_address[1]
        dossier = new_dossier(gtvt_form)
        from django.db import transaction

        with pytest.raises(RuntimeError), transaction.atomic():
            workflow.officer_move(dossier, Dossier.Status.PROCESSING, user=None)
            raise RuntimeError
        assert not Notification.objects.filter(dossier=dossier).exists()
        assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.RECEIVED
        assert server.messages == []
        # And a committed one goes out in the dossier's language, in order.
        workflow.officer_move(dossier, Dossier.Status.PROCESSING, user=None)
        assert len(server.messages) == 1
        assert "Hồ sơ của bạn đang được xử lý." in server.messages[0] or "=?utf-8?" in server.messages[0]
        assert list(Notification.objects.filter(dossier=dossier).values_list("channel", "state")) == [
            ("email", "sent"),
            ("sms", "sent"),
        ]
    finally:
        server.shutdown()
        server.server_close()
