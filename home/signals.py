"""When a proposed article goes live, queue it for the portal's moderators and tell them by email."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from wagtail.signals import page_published

logger = logging.getLogger("portal.news")


def queue_portal_proposal(sender, instance, revision=None, **kwargs):
    from .models import NewsArticlePage, PortalFeature, portal_agency

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
    portal = portal_agency()
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


def grant_portal_moderation(sender=None, instance=None, **kwargs) -> None:
    """The portal agency's moderators decide on proposals: a model permission, so the admin
    menu can check it from the user's cached permissions without a query per page."""
    from django.contrib.auth.models import Permission

    from sites.models import Agency

    agency = instance
    if agency is None or agency.kind != Agency.Kind.PROVINCE or agency.parent_id or not agency.moderators_group_id:
        return
    perms = Permission.objects.filter(
        content_type__app_label="home", codename__in=["view_portalfeature", "change_portalfeature"]
    )
    agency.moderators_group.permissions.add(*perms)


def connect() -> None:
    from django.db.models.signals import post_save

    from sites.models import Agency

    page_published.connect(queue_portal_proposal, dispatch_uid="home.queue_portal_proposal")
    post_save.connect(grant_portal_moderation, sender=Agency, dispatch_uid="home.grant_portal_moderation")
