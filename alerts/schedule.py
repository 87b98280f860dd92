"""Which alerts show now, answered from the cache: no query on a page view, on time to the second.

Every alert that has not ended is kept in one cache entry, ``alerts:state``,
with a random *version* (new on every change) and the sorted list of
*boundaries*: the instants at which an alert starts or ends. The page cache
(caching/pagecache.py) asks the ``page_cache_variant`` hook for a token and how
long it stays valid: the token is the version and the number of boundaries
already passed, so a page cached before an alert starts (or ends) is not
served after that instant, and a stored page lives no longer than the next
boundary. A save or delete rebuilds the entry (one query) and changes the
version, so a new alert is on every page at the next request.

With several app servers the entry lives in Redis, shared by all of them.
With a CDN in front, the pages it keeps expire at the next boundary too
(``s-maxage`` is capped the same way) and a change purges them.
"""

from __future__ import annotations

import bisect
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from core.prefetch import MISSING, prefetched

STATE_KEY = "alerts:state"


def _serialise(alert) -> dict:
    return {
        "id": alert.pk,
        "agency_id": alert.agency_id,
        "level": alert.level,
        "title": alert.title,
        "message": alert.message,
        "title_en": alert.title_en,
        "message_en": alert.message_en,
        "link_url": alert.link_url,
        "link_text": alert.link_text,
        "link_text_en": alert.link_text_en,
        "starts": alert.starts_at.timestamp(),
        "ends": alert.ends_at.timestamp(),
        "updated": int(alert.updated_at.timestamp()) if alert.updated_at else 0,
    }


def rebuild() -> dict:
    """Read the alerts that have not ended (one query) and store them with a new version."""
    from .models import Alert

    now = timezone.now()
    alerts = [_serialise(a) for a in Alert.objects.filter(ends_at__gt=now).order_by("starts_at", "pk")]
    boundaries = sorted({t for a in alerts for t in (a["starts"], a["ends"])})
    state = {"version": uuid.uuid4().hex[:10], "alerts": alerts, "boundaries": boundaries}
    cache.set(STATE_KEY, state, None)
    return state


def state(request=None) -> dict:
    """The alerts that have not ended, from the cache; read once per request (the page cache's variant and
    the banners ask both)."""
    kept = getattr(request, "_alerts_state", None)
    if kept is not None:
        return kept
    found = prefetched(request, STATE_KEY)  # fetched with the page's route (core/prefetch.py)
    if found is MISSING:
        found = cache.get(STATE_KEY)
    found = found if found is not None else rebuild()
    if request is not None:
        request._alerts_state = found
    return found


def current(agency_id: int | None, now: float | None = None, request=None) -> list[dict]:
    """The alerts showing now on the site of ``agency_id``: network-wide first, then the agency's; emergencies first."""
    now = now if now is not None else timezone.now().timestamp()
    shown = [
        a
        for a in state(request)["alerts"]
        if a["starts"] <= now < a["ends"] and (a["agency_id"] is None or a["agency_id"] == agency_id)
    ]
    order = {"emergency": 0, "warning": 1, "info": 2}
    return sorted(shown, key=lambda a: (order.get(a["level"], 3), a["agency_id"] is not None, -a["starts"]))


def page_cache_variant(request=None) -> tuple[str, float | None]:
    """(token, seconds it stays valid): the page cache keys pages by it and keeps them no longer."""
    data = state(request)
    now = timezone.now().timestamp()
    boundaries = data["boundaries"]
    passed = bisect.bisect_right(boundaries, now)
    valid_for = boundaries[passed] - now if passed < len(boundaries) else None
    return f"alerts.{data['version']}.{passed}", valid_for


def _changed(sender, instance, **kwargs) -> None:
    rebuild()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(rebuild)
    _purge_cdn(instance)


def _purge_cdn(instance) -> None:
    """With a CDN, the sites the alert covers are purged at once (its pages expire at boundaries on their own)."""
    from django.conf import settings

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    sites = Site.objects.all() if instance.agency_id is None else Site.objects.filter(agency=instance.agency_id)
    urls = []
    for site in sites:
        urls += [f"{site.root_url}/", f"{site.root_url}/en/"]
    if urls:
        purge_urls_from_cache(urls)


def connect() -> None:
    from .models import Alert

    post_save.connect(_changed, sender=Alert, dispatch_uid="alerts-changed")
    post_delete.connect(_changed, sender=Alert, dispatch_uid="alerts-deleted")
