"""Publishing a procedure's online form makes the procedure level 3 (partial online service).

The receivers are connected in ``OnlineServicesConfig.ready()``. The app's own
signal, ``dossier_file_downloaded``, lets the layers above (the audit trail)
follow the officers' queue without this app importing them.
"""

from __future__ import annotations

from django.apps import apps
from django.dispatch import Signal

#: Sent by the officers' download view for every dossier file handed out, with ``user`` and
#: ``dossier_file``, before the file leaves; the audit trail (``security``) records it.
dossier_file_downloaded = Signal()


def _procedure_pages():
    return apps.get_model("procedures", "ProcedurePage")


def sync_procedure_level(procedure_id: int, *, allow_downgrade: bool = False) -> None:
    """Level ≥ 3 and “online” while a live form exists; back to level 2 when the form is unpublished."""
    from .models import OnlineServicePage

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


def follow_published_form(sender, instance, **kwargs):
    """``page_published``: a published form (or a re-published procedure that has one) makes level 3."""
    from .models import OnlineServicePage

    if isinstance(instance, OnlineServicePage):
        sync_procedure_level(instance.get_parent().pk)
    elif isinstance(instance, _procedure_pages()):
        sync_procedure_level(instance.pk)


def follow_unpublished_form(sender, instance, **kwargs):
    """``page_unpublished``: without a live form the procedure goes back to level 2."""
    from .models import OnlineServicePage

    if isinstance(instance, OnlineServicePage):
        sync_procedure_level(instance.get_parent().pk, allow_downgrade=True)


def forget_calendar_year(sender, instance, **kwargs):
    """``post_save``/``post_delete`` of a ``CalendarDay``: the cached year is read again."""
    from .workdays import forget

    forget(instance.date.year)
