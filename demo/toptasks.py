"""Demo top tasks: the editors' pinned procedures on the portal and on the Department of Health's home.

A new demo has no views counted yet, so without pins the “most used” list
would be empty; the pins are what an editor would choose on day one. Loading
again changes nothing.
"""

from __future__ import annotations

from django.conf import settings

from procedures.models import ProcedurePage
from sites.models import Agency
from toptasks.models import PinnedProcedure, TopTaskSettings

PINS = {
    "ha-tinh": ["HT-YT-001", "HT-GTVT-001", "HT-TP-001", "HT-LDTBXH-001", "HT-BH-001", "HT-TP-XD-001"],
    "so-y-te": ["HT-YT-001", "HT-YT-101", "HT-YT-102"],
}


def load(stdout=None) -> str:
    pinned = 0
    for slug, codes in PINS.items():
        agency = Agency.objects.filter(slug=slug, site__isnull=False).first()
        if agency is None:
            continue
        top, _created = TopTaskSettings.objects.get_or_create(site=agency.site)
        by_code = {
            p.code: p
            for p in ProcedurePage.objects.filter(code__in=codes, locale__language_code=settings.LANGUAGE_CODE)
        }
        existing = set(PinnedProcedure.objects.filter(setting=top).values_list("procedure_id", flat=True))
        for order, code in enumerate(codes):
            procedure = by_code.get(code)
            if procedure is not None and procedure.pk not in existing:
                PinnedProcedure.objects.create(setting=top, procedure=procedure, sort_order=order)
                pinned += 1
    return f"Tác vụ thường dùng – thủ tục được ghim mới: {pinned}"
