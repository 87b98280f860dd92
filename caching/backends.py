"""wagtail.contrib.frontend_cache backends of the portal's own (named in caching/frontend.py).

``HTTPBackend`` purges as soon as Wagtail's signal fires, which is inside the
publish's transaction: a visitor's request between the purge and the commit
would read the old rows and put the old page back in the front cache (nginx's
microcache, Varnish). This one purges at once and again when the transaction
commits, as the page cache's own purge does (signals.py).
"""

from __future__ import annotations

from django.db import transaction

from wagtail.contrib.frontend_cache.backends import HTTPBackend


class OnCommitHTTPBackend(HTTPBackend):
    def purge(self, url):
        super().purge(url)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: HTTPBackend.purge(self, url))
