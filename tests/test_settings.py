"""Production settings: secure by default, configured only from the environment."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "hatinh.gov.vn,.hatinh.gov.vn",
}


def run_manage(*args, env=None):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a deployment check.
    dropped = ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env or {})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = dict(PRODUCTION_ENV)
    env.pop("SECRET_KEY")
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_backends_follow_the_environment():
    code = (
        "import django, os; django.setup(); from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']); print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND']); print(s.STORAGES['default']['BACKEND'])"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://portal@db.internal:5432/portal",
        "ELASTICSEARCH_URL": "http://search.internal:9200",
        "REDIS_URL": "redis://cache.internal:6379/0",
        "AWS_STORAGE_BUCKET_NAME": "portal-media",
    }
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(env)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=full_env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    engine, search, cache, storage = out.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert "elasticsearch" in search.lower()
    assert cache == "django_redis.cache.RedisCache"
    assert storage == "storages.backends.s3.S3Storage"

    embedded = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL")}
    embedded["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=embedded, capture_output=True, text=True, timeout=60
    )
    engine, search, cache, storage = out.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert cache.endswith("LocMemCache")
    assert storage.endswith("FileSystemStorage")
