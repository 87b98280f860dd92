"""Pages due for review: every live page whose type carries ``core.models.ReviewDateMixin``."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.utils import timezone

from core.models import ReviewDateMixin
from sites.models import Agency

#: “Due” means within this many days; “overdue” means the date has passed.
DUE_SOON_DAYS = 30


def reviewed_models() -> list:
    return [m for m in apps.get_models() if issubclass(m, ReviewDateMixin) and not m._meta.abstract]


def agency_ids_for(user) -> list[int]:
    """The ids of the user's agencies (``Agency.objects.for_user``), asked once per request (cached on the user).

    Filtering each page type by a list of ids, instead of by the agencies' subquery
    of groups, spares the dashboard's panel a subquery to build per page type.
    """
    cached = getattr(user, "_review_agency_ids", None)
    if cached is None:
        cached = list(Agency.objects.for_user(user).order_by().values_list("pk", flat=True))
        user._review_agency_ids = cached
    return cached


def due_pages(user, *, overdue_only: bool = False, limit: int | None = None) -> list:
    """The user's agencies' live pages due within 30 days (or overdue), oldest date first: one query per page type."""
    today = timezone.localdate()
    until = today if overdue_only else today + datetime.timedelta(days=DUE_SOON_DAYS)
    agencies = None if user.is_superuser else agency_ids_for(user)
    rows = []
    for model in reviewed_models():
        qs = model.objects.live().filter(review_by__isnull=False)
        qs = qs.filter(review_by__lt=today) if overdue_only else qs.filter(review_by__lte=until)
        if agencies is not None:
            qs = qs.filter(agency_id__in=agencies)
        qs = qs.select_related("agency").only("id", "title", "review_by", "agency__name", "last_published_at")
        if limit:
            qs = qs.order_by("review_by")[:limit]
        for page in qs:
            rows.append(
                {
                    "page": page,
                    "kind": model._meta.verbose_name,
                    "review_by": page.review_by,
                    "overdue": page.review_by < today,
                    "agency": page.agency,
                }
            )
    rows.sort(key=lambda r: (r["review_by"], r["page"].title))
    return rows[:limit] if limit else rows
