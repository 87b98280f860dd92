"""Admin moderation of portal proposals, and the per-site sitemap in both languages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page

from .models import PortalFeature


def can_moderate_portal(user) -> bool:
    """Superusers and the portal agency's moderators (granted ``home.change_portalfeature``
    by ``home.signals.grant_portal_moderation``) decide what the portal features."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("home.change_portalfeature"))


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
        "home/admin/portal_features.html",
        {
            "features": features,
            "status": status,
            "statuses": PortalFeature.Status.choices,
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


class SiteSitemap(WagtailSitemap):
    """Every live, public page of the requested site, in every language (Wagtail's lists one tree)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        q = Q(pk__in=[])
        for path in roots:
            q |= Q(path__startswith=path)
        return Page.objects.filter(q).live().public().order_by("path").defer_streamfields().specific()


def sitemap(request):
    return django_sitemap(request, sitemaps={"wagtail": SiteSitemap(request)})
