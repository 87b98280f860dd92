"""The view-count beacon: one POST per procedure page and browser tab session, no cookie, nothing about the visitor."""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import ratelimit

from .models import ProcedureViewDay

RATE = (120, 3600)


@csrf_exempt  # no cookie, no session, nothing to forge: the beacon only adds one to a public counter
@never_cache
@require_POST
def count_view(request, page_id: int):
    if not ratelimit.allow(request, "view-count", *RATE):
        return HttpResponse(status=204)
    procedure_model = apps.get_model("procedures", "ProcedurePage")
    found = procedure_model.objects.live().filter(pk=page_id).values_list("agency_id").first()
    if found is None:
        return HttpResponse(status=404)
    agency_id = found[0]
    today = timezone.localdate()
    if not ProcedureViewDay.objects.filter(page_id=page_id, day=today).update(views=F("views") + 1):
        try:
            with transaction.atomic():
                ProcedureViewDay.objects.create(page_id=page_id, agency_id=agency_id, day=today, views=1)
        except IntegrityError:  # another request created today's row first
            ProcedureViewDay.objects.filter(page_id=page_id, day=today).update(views=F("views") + 1)
    return HttpResponse(status=204)
