"""Existing dossiers onto the new status graph (#13).

"completed" (Đã có kết quả) becomes "result_ready", with the time of that move
as the completion time; every dossier gets its "complete on" date (the day it
was received) and its processing time in working days from its procedure, so
a later supplement round can count the due date afresh. "received",
"processing", "supplement_requested" and "rejected" keep their values.
"""

import re

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncDate

DAYS_RE = re.compile(r"(\d+)\s*(ngày|day)", re.IGNORECASE)


def forwards(apps, schema_editor):
    Dossier = apps.get_model("online_services", "Dossier")
    Change = apps.get_model("online_services", "DossierStatusChange")
    settled = Change.objects.filter(dossier=OuterRef("pk"), to_status__in=["completed", "rejected"]).order_by(
        "-changed_at"
    )
    Dossier.objects.filter(status__in=["completed", "rejected"], completed_at__isnull=True).update(
        completed_at=Subquery(settled.values("changed_at")[:1])
    )
    Dossier.objects.filter(status="completed").update(status="result_ready")
    Change.objects.filter(to_status="completed").update(to_status="result_ready")
    Change.objects.filter(from_status="completed").update(from_status="result_ready")
    Dossier.objects.filter(complete_on__isnull=True).update(complete_on=TruncDate("submitted_at"))
    ProcedurePage = apps.get_model("procedures", "ProcedurePage")
    times = {
        pk: (days, text)
        for pk, days, text in ProcedurePage.objects.filter(
            pk__in=Dossier.objects.filter(working_days__isnull=True).values("procedure_id")
        ).values_list("pk", "processing_days", "processing_time")
    }
    for procedure_id, (days, text) in times.items():
        match = DAYS_RE.search(text or "")  # ProcedurePage.working_days, frozen here
        days = days or (int(match.group(1)) if match else None)
        if days:
            Dossier.objects.filter(procedure_id=procedure_id, working_days__isnull=True).update(working_days=days)


def backwards(apps, schema_editor):
    Dossier = apps.get_model("online_services", "Dossier")
    Change = apps.get_model("online_services", "DossierStatusChange")
    # The old graph knew fewer statuses: the closest old one for each.
    mapping = {
        "result_ready": "completed",
        "result_returned": "completed",
        "supplement_received": "processing",
        "transferred": "processing",
        "withdrawn": "rejected",
    }
    for new, old in mapping.items():
        Dossier.objects.filter(status=new).update(status=old)
        Change.objects.filter(to_status=new).update(to_status=old)
        Change.objects.filter(from_status=new).update(from_status=old)


class Migration(migrations.Migration):
    dependencies = [
        ("online_services", "0002_dossier_life"),
        ("procedures", "0002_online_services"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
