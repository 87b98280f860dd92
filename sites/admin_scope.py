"""Admin listings that plain Wagtail builds over every site of the install.

The page explorer's "Site" filter lists every Site to every editor: 250
checkboxes naming other agencies. Wagtail builds it from a class-level
queryset; django-filter accepts a callable taking the request instead, so we
swap in one that returns only the user's own sites.
"""

from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
from wagtail.models import Site


def sites_for_request(request):
    user = getattr(request, "user", None)
    if user is None or user.is_superuser:
        return Site.objects.all()
    from .models import Agency

    return Site.objects.filter(agency__in=Agency.objects.for_user(user))


def limit_explorer_site_filter() -> None:
    for filterset in (PageFilterSet, GenericPageFilterSet):
        site_filter = filterset.base_filters.get("site")
        if site_filter is not None:
            site_filter.queryset = sites_for_request
