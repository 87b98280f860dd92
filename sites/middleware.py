"""Closed sites keep answering: any address on a retired agency's host redirects."""

from django.http import HttpResponsePermanentRedirect
from django.utils.translation import get_language

from wagtail.models import Site

from .models import Agency


def successor(agency: Agency) -> Agency | None:
    """The agency that took over: the one it merged into, else the nearest active ancestor."""
    seen = set()
    current = agency
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        nxt = current.merged_into or current.parent
        if nxt is not None and nxt.is_active:
            return nxt
        current = nxt
    return None


class RetiredSiteMiddleware:
    """A 404 on a retired agency's host becomes a permanent redirect to its successor's site.

    Wagtail's RedirectMiddleware (after this one in MIDDLEWARE) answers first
    for the addresses the agency's pages had; this catches everything else
    (search links, paginated listings, bookmarks of pages long gone).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        site = Site.find_for_request(request)
        if site is None:
            return response
        agency = Agency.objects.filter(site=site, is_active=False).select_related("merged_into", "parent").first()
        if agency is None:
            return response
        target = successor(agency)
        if target is None:
            return response
        prefix = "" if (get_language() or "vi").startswith("vi") else f"/{get_language()[:2]}"
        return HttpResponsePermanentRedirect(f"{target.root_url}{prefix}/")


class AgencyExplorerMiddleware:
    """Agency staff's admin starts at their agency's home, never at the tree root (admin_scope)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            from django.urls import reverse

            self.admin_prefix = reverse("wagtailadmin_home")
        if request.path_info.startswith(self.admin_prefix):
            from .admin_scope import prime_explorable_root

            match = request.resolver_match
            prime_explorable_root(
                request,
                url_name=(match.url_name or "") if match else "",
                namespaces=match.namespaces if match else (),
                kwargs=view_kwargs,
            )
        return None
