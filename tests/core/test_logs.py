"""Structured logs (LOG_FORMAT=json, core/logs.py) and the ADMINS / session settings from the environment."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

from core.logs import JsonFormatter

ROOT = Path(__file__).resolve().parents[2]


def test_a_log_line_is_one_json_object_with_the_request(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/tra-cuu-ho-so/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Lỗi %s", ("máy chủ",), None)
    record.request = request
    record.status_code = 500
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["message"] == "Lỗi máy chủ"
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request"
    assert entry["client"] == "203.0.113.7" and entry["path"] == "/tra-cuu-ho-so/" and entry["status"] == 500


def test_admins_sessions_and_log_format_come_from_the_environment():
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(repr((settings.ADMINS, settings.SESSION_ENGINE,"
        " settings.LOGGING['handlers']['console']['formatter'])))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "ADMINS": "Ban Quản trị <quantri@hatinh.gov.vn>, ops@hatinh.gov.vn",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "LOG_FORMAT": "json",
    }
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    admins, engine, formatter = eval(out.stdout.strip().splitlines()[-1])  # noqa: S307
    assert admins == [("Ban Quản trị", "quantri@hatinh.gov.vn"), ("ops@hatinh.gov.vn", "ops@hatinh.gov.vn")]
    assert engine == "django.contrib.sessions.backends.cached_db"
    assert formatter == "json"
