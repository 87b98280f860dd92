from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import health
from core import views as core_views
from security.limits import request_too_large

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Form template downloads (Vietnamese file names) and the open data API.
    path("", include("procedures.urls")),
    # The procedure pages' view counter (top tasks): no language, no cookie.
    path("", include("toptasks.urls")),
    # Dossier statistics as open data (/api/statistics/, /api/statistics.csv): docs/statistics.md.
    path("", include("accountability.api_urls")),
    path("documents/", include(wagtaildocs_urls)),
    # One sitemap per site (the requested host), both languages: core/views.py.
    path("sitemap.xml", core_views.sitemap),
    # Operations (core/health.py): the balancer's health check, and each site's robots.txt.
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", health.robots_txt, name="robots_txt"),
    # nginx's 413 (client_max_body_size) shows the app's translated page (security/limits.py).
    path("request-too-large/", request_too_large, name="request_too_large"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese at the root ("/thu-tuc/..."), English under "/en/".
urlpatterns += i18n_patterns(
    path("", include("online_services.urls")),
    path("search/", include("search.urls")),
    path("", include("feedback.urls")),
    path("", include("accountability.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
