from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .due import DUE_SOON_DAYS, due_pages


def can_view(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def due_report(request):
    if not can_view(request.user):
        raise PermissionDenied
    rows = due_pages(request.user)
    return render(request, "reviews/due_report.html", {"rows": rows, "days": DUE_SOON_DAYS})
