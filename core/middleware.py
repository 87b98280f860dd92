"""The portal's own 404 page on public paths, also when DEBUG is on (the demo: ``make run``).

With DEBUG, Django answers a page that is not found with its technical page (the
URL patterns, 694 px wide on a phone), which is not what a citizen trying the
demo should meet. Outside ``/admin/`` the portal's ``404.html`` answers instead;
without DEBUG this changes nothing (Django's handler renders the same template).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class PublicNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404) and not request.path.startswith("/admin/"):
            return page_not_found(request, exception)
        return None
