"""Settings shared by every environment.

Everything that differs between a laptop demo and production comes from the
environment: the database (``DATABASE_URL``), search (``ELASTICSEARCH_URL``),
cache (``REDIS_URL``) and media storage (``AWS_STORAGE_BUCKET_NAME``). With none
of them set, the project runs embedded: SQLite, the database search backend,
an in-memory cache and local files.
"""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # The project's apps, from the ground floor up (docs/architecture.md).
    "sites",
    "core",
    "home",
    "news",
    "sections",
    "procedures",
    "online_services",
    "alerts",
    "journeys",
    "feedback",
    "toptasks",
    "reviews",
    "accountability",
    "search.apps.SearchConfig",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First: an oversized body is refused before anything reads it (security/limits.py).
    "security.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "online_services.uploads.UploadNameGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Admin requests: the user's permissions, agencies and sidebar kept across requests (core/admin_cache.py).
    "core.admin_cache.AdminUserCacheMiddleware",
    "sites.middleware.AgencyExplorerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sites.middleware.RetiredSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.PublicNotFoundMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite that holds concurrent writes (docs/performance.md):
    # - WAL: readers never wait for the writer, and the writer never waits for readers;
    # - IMMEDIATE: a transaction takes the write lock when it begins, so a writer that must wait
    #   waits (up to the busy timeout) instead of failing at once with "database is locked" when
    #   it would otherwise upgrade a read lock (SQLite refuses that upgrade without waiting);
    # - synchronous=NORMAL: safe with WAL (a power cut can lose the last commits, never corrupt).
    SQLITE_BUSY_TIMEOUT_SECONDS = int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20"))
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# online_services/locale is also the app's own folder; listed here so that its English wins over
# the other apps' catalogues where a msgid is shared (e.g. "Tệp đính kèm", the upload field type).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "online_services" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Dossier files (level 3) live outside MEDIA_ROOT and are never served by URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage for public media (images, form templates).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# Dossier files (online_services/storage.py): a private object-storage bucket when
# PRIVATE_STORAGE_BUCKET is set (several app servers; credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY), else PRIVATE_MEDIA_ROOT on a volume every app server mounts.
PRIVATE_STORAGE_BUCKET = os.environ.get("PRIVATE_STORAGE_BUCKET", "")
PRIVATE_STORAGE_ENDPOINT_URL = os.environ.get("PRIVATE_STORAGE_ENDPOINT_URL", "")
PRIVATE_STORAGE_REGION_NAME = os.environ.get("PRIVATE_STORAGE_REGION_NAME", "")

# Cache: Redis when REDIS_URL is set, memory otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis outage degrades to uncached pages, never to errors.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
            "KEY_PREFIX": "portal",
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions read from Redis and written through to the database: every app server sees them,
    # and a Redis outage does not log every officer out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Search: the database backend unless ELASTICSEARCH_URL is set (docs/search.md).
# search.backends.database is Wagtail's database backend that also keeps the
# public search index (Vietnamese folding on PostgreSQL and SQLite).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends.database",
        "AUTO_UPDATE": True,
    }
}
# A search cluster: Elasticsearch 9 (ELASTICSEARCH_URL) or OpenSearch 3 (OPENSEARCH_URL), the same
# settings and index either way. The public search reads its own index there (search.mirror).
_SEARCH_CLUSTER = (
    ("search.backends.elasticsearch9", "ELASTICSEARCH_URL")
    if os.environ.get("ELASTICSEARCH_URL")
    else ("search.backends.opensearch3", "OPENSEARCH_URL")
    if os.environ.get("OPENSEARCH_URL")
    else None
)
if _SEARCH_CLUSTER:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": _SEARCH_CLUSTER[0],
        "URLS": env_list(_SEARCH_CLUSTER[1]),
        "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", os.environ.get("SEARCH_INDEX_PREFIX", "portal_")),
        "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
        "OPTIONS": {"max_retries": 1},
        "AUTO_UPDATE": True,
    }
    # Kept current alongside Elasticsearch; answers when Elasticsearch is unreachable.
    WAGTAILSEARCH_BACKENDS["search_fallback"] = {
        "BACKEND": "search.backends.database",
        "AUTO_UPDATE": True,
    }

WAGTAIL_SITE_NAME = "Cổng thông tin điện tử"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "txt", "zip"]
# Form templates are downloaded, never shown inline in the browser.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# No Gravatar: the CSP allows no third-party images; staff get an initials avatar (core.admin_chrome).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's form with its password label translated (core.admin_chrome).
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin_chrome.AdminLoginForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# The port the agency sites answer on: 8000 for the dev server, 443 in
# production. It decides the links between sites of the network.
SITE_PORT = int(os.environ.get("SITE_PORT", os.environ.get("PORT", "8000")))

# Request sizes (security/limits.py, docs/deploy.md). A multipart post (a dossier, an admin upload)
# may be at most MAX_REQUEST_BODY_SIZE: the largest dossier a form can ask for (a file field at the
# 50 MB an editor may allow) plus 2 MB for the other fields; nginx's client_max_body_size is the
# same 52m. Larger requests get a 413 before Django reads the body. Any other body may be at most
# DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB: the text of the largest admin form is far below it).
# DATA_UPLOAD_MAX_NUMBER_FIELDS: a procedure's admin form (steps, components, fees, both
# languages) posts several hundred fields; 2000 leaves room and still bounds the parser's work.
# DATA_UPLOAD_MAX_NUMBER_FILES: Django's 100; no dossier form has that many file fields.
# Uploads above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file instead of memory.
MAX_REQUEST_BODY_SIZE = int(os.environ.get("MAX_REQUEST_BODY_SIZE", str(52 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng dịch vụ công <noreply@hatinh.gov.vn>")
# The mail server (dossier notices: online_services/notifications.py); a slow or dead server costs at most EMAIL_TIMEOUT.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in ("1", "true", "yes")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# SMS gateway for dossier notices; the default backend writes to the log (the outbox table keeps every message).
SMS_BACKEND = os.environ.get("SMS_BACKEND", "online_services.sms.LogSmsBackend")
# Workflow emails (submitted / approved / rejected) go to the agency's own
# moderators and editors only: with ~250 agencies, superusers must not get them all.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# Logs to stderr (journald keeps them under systemd): plain text, or one JSON object per line with
# LOG_FORMAT=json (core/logs.py). Server errors are also mailed to ADMINS ("Name <a@b>, ...").
ADMINS = [
    (name.strip() or address, address.strip(" <>"))
    for name, _sep, address in (item.rpartition("<") for item in env_list("ADMINS"))
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "portal-errors@localhost")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": os.environ.get("LOG_FORMAT", "plain")},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # The portal's own events (SMS sent by the log backend, purges, imports): INFO unless LOG_LEVEL says
        # otherwise (the bench serves with LOG_LEVEL=ERROR).
        "portal": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
    },
}

LOGIN_URL = "wagtailadmin_login"

PORTAL_NAME = _("Cổng thông tin điện tử tỉnh Hà Tĩnh")

# Security (docs/security.md): the dossier audit trail, and admin login throttling in every
# environment (django-axes: 5 failures per username and IP lock that pair out for 15 minutes).
# production.py adds HTTPS, HSTS, secure cookies and the Content-Security-Policy.
INSTALLED_APPS += ["security", "axes", "demo"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# The client's address, for django-axes as for every rate limit (core/client.py): REMOTE_ADDR, or
# behind TRUSTED_PROXY_COUNT reverse proxies (1 behind deploy/nginx), the address the outermost
# trusted proxy saw in X-Forwarded-For, believed only from TRUSTED_PROXY_NETWORKS (docs/deploy.md).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXY_NETWORKS = env_list(
    "TRUSTED_PROXY_NETWORKS", "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"
)
AXES_CLIENT_IP_CALLABLE = "core.client.axes_client_ip"
AXES_VERBOSE = False

# Performance (docs/performance.md): a full-page cache for anonymous visitors, per site and
# language, purged on publish; {% cache %} fragments for the footer and the network directory;
# a CDN or Varnish purged through wagtail.contrib.frontend_cache when configured. 0 turns a cache off.
from caching.frontend import frontend_cache_settings  # noqa: E402

INSTALLED_APPS += ["caching"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1, "caching.middleware.PageCacheMiddleware"
)
# A page view's route (site, page) from the cache, kept under the page cache's generations (issue #18).
MIDDLEWARE += ["caching.routecache.RouteCacheMiddleware"]
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "300"))
# nginx's microcache (deploy/nginx): how long it keeps an anonymous page view, told per response in
# X-Accel-Expires (caching/middleware.py); nginx keeps nothing the app does not mark so.
PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", "10"))
WAGTAILFRONTENDCACHE = frontend_cache_settings(os.environ)
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]
