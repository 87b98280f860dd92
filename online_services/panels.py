"""The officer's dashboard panel: new dossiers, due within 2 working days, overdue — for their agencies.

A self-contained Wagtail ``Component``: ``wagtail_hooks`` adds it with
``construct_homepage_panels``; a dashboard that lays panels out its own way
can place ``DossierPanel(request)`` wherever it likes.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from .models import Dossier
from .viewsets import due_soon_limit


def counts_for(user) -> dict:
    """One query: the agency's new, due-soon and overdue dossiers (open ones only)."""
    today = timezone.localdate()
    return (
        Dossier.objects.editable_by(user)
        .open()
        .aggregate(
            new=Count("pk", filter=Q(status__in=[Dossier.Status.RECEIVED, Dossier.Status.TRANSFERRED])),
            due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=due_soon_limit(today))),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            mine=Count("pk", filter=Q(assigned_to=user)),
        )
    )


class DossierPanel(Component):
    name = "online_services_dossiers"
    order = 90
    template_name = "online_services/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    @classmethod
    def applies_to(cls, user) -> bool:
        return user.is_active and (user.is_superuser or user.has_perm("online_services.change_dossier"))

    def get_context_data(self, parent_context=None):
        queue = reverse("dossier_queue:index")
        counts = counts_for(self.request.user)
        return {
            "title": _("Hồ sơ trực tuyến của cơ quan"),
            "rows": [
                (_("Hồ sơ mới"), counts["new"], f"{queue}?status=received", "new"),
                (_("Đến hạn trong 2 ngày làm việc"), counts["due_soon"], f"{queue}?due=soon", "due_soon"),
                (_("Quá hạn"), counts["overdue"], f"{queue}?due=overdue", "overdue"),
                (_("Giao cho tôi"), counts["mine"], f"{queue}?mine=true", "mine"),
            ],
        }
