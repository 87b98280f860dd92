"""When a proposed article goes live, queue it for the portal's moderators and tell them by email."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.urls import reverse

from sites.models import Agency

from .models import NewsArticlePage, PortalFeature

logger = logging.getLogger("portal.news")


def queue_portal_proposal(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, NewsArticlePage) or not instance.propose_for_portal:
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return  # proposals are made once, on the Vietnamese original
    feature, created = PortalFeature.objects.get_or_create(
        article=instance,
        defaults={"proposed_by": getattr(revision, "user", None) or instance.owner},
    )
    if not created:
        return
    portal = Agency.objects.portal()
    if portal is None or portal.moderators_group is None:
        return
    recipients = list(
        portal.moderators_group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if not recipients:
        return
    agency = instance.agency.name if instance.agency_id else ""
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("portal_features:index")
    send_mail(
        subject=f"Đề xuất tin cho cổng tỉnh: {instance.title}",
        message=(
            f"{agency} đề xuất đưa tin “{instance.title}” lên mục tin nổi bật của cổng tỉnh.\n\n"
            f"Xem và duyệt đề xuất tại: {link}\n"
        ),
        from_email=getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL),
        recipient_list=recipients,
        fail_silently=True,
    )
    logger.info("Portal proposal queued for page %s", instance.pk)


def grant_portal_moderation(agency: Agency) -> bool:
    """The portal agency's moderators decide on proposals: a model permission, so the admin
    menu can check it from the user's cached permissions without a query per page."""
    if agency.kind != Agency.Kind.PROVINCE or agency.parent_id or not agency.moderators_group_id:
        return False
    perms = set(
        Permission.objects.filter(
            content_type__app_label="news", codename__in=["view_portalfeature", "change_portalfeature"]
        )
    )
    missing = perms - set(agency.moderators_group.permissions.all())
    agency.moderators_group.permissions.add(*missing)
    return bool(missing)
