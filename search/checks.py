"""A configuration without the portal's database backend leaves the public search index unmaintained."""

from django.core.checks import Warning, register


@register()
def public_search_backend_configured(app_configs, **kwargs):
    from django.conf import settings

    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    if any(conf.get("BACKEND") == "search.backends.database" for conf in backends.values()):
        return []
    return [
        Warning(
            "No WAGTAILSEARCH_BACKENDS entry uses search.backends.database: the public search index is not kept.",
            hint="Keep it as the default backend, or as 'search_fallback' next to Elasticsearch.",
            id="portal_search.W001",
        )
    ]
