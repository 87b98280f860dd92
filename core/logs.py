"""One JSON object per log line (LOG_FORMAT=json), for journald and whatever collects the logs.

Every line has the time (UTC, ISO 8601), level, logger and message; a request's path, method,
status and the client address (core.client) when the record carries the request (django.request,
django.security); the exception's traceback when there is one.
"""

from __future__ import annotations

import datetime as dt
import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            from .client import client_ip

            entry.update(method=request.method, path=request.path, client=client_ip(request))
            entry["request_id"] = request.META.get("HTTP_X_REQUEST_ID", "")
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
