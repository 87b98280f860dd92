"""What Wagtail's own index signals do not cover: descendants of a moved page.

Wagtail re-indexes a moved page itself (its save fires post_save), but rewrites
its descendants' paths in bulk, without signals; their documents carry the
path and the owning agency, so they are re-indexed here.
"""

import logging

from wagtail.signals import post_page_move

logger = logging.getLogger("portal.search")


def reindex_moved_subtree(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    from wagtail.search.backends import get_search_backends

    from .documents import reindex_subtree

    if not any(getattr(backend, "maintains_public_search", False) for backend in get_search_backends(True)):
        return
    reindex_subtree(instance)


def register():
    post_page_move.connect(reindex_moved_subtree, dispatch_uid="portal_search_reindex_moved_subtree")
