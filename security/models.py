"""The dossier audit trail: Wagtail's log entries, scoped to the agency that owns the dossier.

Dossier actions could be written as plain ``ModelLogEntry`` rows, but
Wagtail shows those in the site history report to every user holding any
permission on the model — every agency's officers would read every other
agency's dossier history. ``DossierLogEntry`` is a Wagtail log entry model
(registered for ``Dossier`` with ``register_log_actions``) whose entries an
officer sees only for their own agencies; the portal administrator sees all.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import BaseLogEntry, BaseLogEntryManager


class DossierLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk), agency_id=instance.agency_id)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.has_perm("online_services.view_dossier"):
            return self.none()
        return self.filter(agency__officers_group__in=user.groups.values_list("pk", flat=True))


class DossierLogEntry(BaseLogEntry):
    """One audited action on a dossier: status change, file download, receipt."""

    object_id = models.CharField(max_length=255, db_index=True)
    # Kept on the entry so that the scope survives the dossier's deletion or an agency merge.
    agency = models.ForeignKey(
        "sites.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("cơ quan")
    )

    objects = DossierLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("nhật ký hồ sơ")
        verbose_name_plural = _("nhật ký hồ sơ")
