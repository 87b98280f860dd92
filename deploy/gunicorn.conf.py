"""gunicorn settings for the portal (docs/deploy.md). Every value can be set from the environment.

Used as is by the systemd unit (deploy/systemd/portal.service) and by `make stack`.
"""

import multiprocessing
import os

# Only the local nginx talks to the app server: bind to loopback (or a private address of the
# app server when the proxy is a separate machine, then list it in FORWARDED_ALLOW_IPS and in
# TRUSTED_PROXY_NETWORKS).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A request that takes longer than this is killed: a search or a dossier upload on a slow phone
# network has nginx buffering the body first (proxy_request_buffering on), so the app never waits for it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then: a slow leak in any library cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The addresses whose X-Forwarded-Proto gunicorn believes (wsgi.url_scheme). Client addresses are
# read by the app itself (core/client.py, TRUSTED_PROXY_COUNT), not by gunicorn.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Bounds on the request head; the body is capped by nginx and by security/limits.py.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Heartbeat files in memory, not on a possibly slow disk.
SHM = "/dev/shm"  # noqa: S108 (gunicorn's own recommendation for its heartbeat files)
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", SHM if os.path.isdir(SHM) else None)
# Logs to stdout/stderr: journald (systemd) or the stack's log file keeps them.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%({x-forwarded-for}i)s" "%(a)s"'
proc_name = os.environ.get("GUNICORN_PROC_NAME", "portal")
wsgi_app = "config.wsgi:application"
