"""Publishing a procedure's online form makes the procedure level 3 (partial online service)."""

from __future__ import annotations

from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished


def _procedure_pages():
    from ..models import ProcedurePage

    return ProcedurePage


def sync_procedure_level(procedure_id: int, *, allow_downgrade: bool = False) -> None:
    """Level ≥ 3 and “online” while a live form exists; back to level 2 when the form is unpublished."""
    from ..models.services import OnlineServicePage

    ProcedurePage = _procedure_pages()
    procedure = ProcedurePage.objects.filter(pk=procedure_id).first()
    if procedure is None:
        return
    has_form = OnlineServicePage.objects.live().child_of(procedure).exists()
    updates = {}
    if has_form and procedure.level < 3:
        updates = {"level": 3, "online": True}
    elif has_form and not procedure.online:
        updates = {"online": True}
    elif allow_downgrade and not has_form and procedure.level == 3:
        updates = {"level": 2}
    if updates:
        ProcedurePage.objects.filter(pk=procedure.pk).update(**updates)
        # Keep the latest revision in step, so the next publish of the procedure does not undo it.
        if procedure.latest_revision_id:
            revision = procedure.latest_revision
            revision.content.update(updates)
            revision.save(update_fields=["content"])
        from wagtail.search import index

        procedure.refresh_from_db()
        index.insert_or_update_object(procedure)


@receiver(page_published)
def _on_publish(sender, instance, **kwargs):
    from ..models.services import OnlineServicePage

    ProcedurePage = _procedure_pages()
    if isinstance(instance, OnlineServicePage):
        sync_procedure_level(instance.get_parent().pk)
    elif isinstance(instance, ProcedurePage):
        sync_procedure_level(instance.pk)


@receiver(page_unpublished)
def _on_unpublish(sender, instance, **kwargs):
    from ..models.services import OnlineServicePage

    if isinstance(instance, OnlineServicePage):
        sync_procedure_level(instance.get_parent().pk, allow_downgrade=True)
