"""Admin: the portal moderators' queue of news proposed by agencies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import PortalFeature


def can_moderate_portal(user) -> bool:
    """Superusers and the portal agency's moderators (granted ``news.change_portalfeature``
    by ``news.signals.grant_portal_moderation``) decide what the portal features."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("news.change_portalfeature"))


def portal_features_index(request):
    if not can_moderate_portal(request.user):
        raise PermissionDenied
    status = request.GET.get("status", PortalFeature.Status.PROPOSED)
    if status not in PortalFeature.Status.values:
        status = PortalFeature.Status.PROPOSED
    features = (
        PortalFeature.objects.filter(status=status)
        .select_related("article", "article__agency", "proposed_by", "decided_by")
        .order_by("-proposed_at")[:200]
    )
    return TemplateResponse(
        request,
        "news/admin/portal_features.html",
        {
            "features": features,
            "status": status,
            "statuses": PortalFeature.Status.choices,
            "columns": [_("Tin bài"), _("Cơ quan"), _("Ngày đề xuất"), _("Quyết định")],
        },
    )


@require_POST
def portal_feature_decide(request, pk):
    if not can_moderate_portal(request.user):
        raise PermissionDenied
    feature = get_object_or_404(PortalFeature.objects.select_related("article"), pk=pk)
    action = request.POST.get("action")
    if action not in ("approve", "reject"):
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("portal_features:index")
    feature.decide(request.user, approve=action == "approve", comment=request.POST.get("comment", "").strip()[:2000])
    if action == "approve":
        messages.success(request, _("Đã đưa tin “%(title)s” lên cổng tỉnh.") % {"title": feature.article.title})
    else:
        messages.success(request, _("Đã từ chối đề xuất tin “%(title)s”.") % {"title": feature.article.title})
    return redirect("portal_features:index")
