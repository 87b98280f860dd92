"""Demo journeys: the two life events of Decree 63/2024 (demo/data/journeys.json), on the portal, in both languages.

Each step names a procedure of the demo catalogue by its code. Loading again
updates the pages in place (found by slug), so ``make run`` may call it every time.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from wagtail.models import Locale

from journeys.models import JourneyIndexPage, JourneyPage, JourneyStep
from procedures.models import ProcedurePage
from sites.models import Agency

DATA = Path(settings.BASE_DIR) / "demo" / "data" / "journeys.json"


def _publish_if_changed(page, values: dict) -> bool:
    changed = any(getattr(page, k) != v for k, v in values.items())
    for key, value in values.items():
        setattr(page, key, value)
    if changed or not page.live:
        page.save_revision().publish()
    return changed


def _steps_for(journey: JourneyPage, steps: list[dict], procedures: dict, english: bool) -> bool:
    wanted = []
    for step in steps:
        procedure = procedures.get(step["code"])
        if procedure is None:
            continue
        if english:
            procedure = procedure.get_translation_or_none(journey.locale) or procedure
        wanted.append((procedure.pk, step["note_en"] if english else step["note"]))
    current = [(s.procedure_id, s.note) for s in journey.steps.all().order_by("sort_order")]
    if current == wanted:
        return False
    journey.steps = [JourneyStep(procedure_id=pk, note=note, sort_order=i) for i, (pk, note) in enumerate(wanted)]
    return True


def load(stdout=None) -> str:
    portal = Agency.objects.active().filter(kind=Agency.Kind.PROVINCE, parent__isnull=True).first()
    if portal is None or portal.home_page_id is None:
        return "Dịch vụ công liên thông: không có cổng tỉnh."
    data = json.loads(DATA.read_text(encoding="utf-8"))
    codes = {step["code"] for journey in data["journeys"] for step in journey["steps"]}
    procedures = {
        p.code: p for p in ProcedurePage.objects.filter(code__in=codes, locale__language_code=settings.LANGUAGE_CODE)
    }
    home = portal.home_page.specific
    en = Locale.objects.filter(language_code="en").first()
    created = updated = 0

    index = JourneyIndexPage.objects.child_of(home).first()
    if index is None:
        index = JourneyIndexPage(title=data["index"]["title"], slug=JourneyIndexPage.SLUG, show_in_menus=False)
        home.add_child(instance=index)
        created += 1
    updated += _publish_if_changed(index, {"title": data["index"]["title"], "intro": data["index"]["intro"]})
    en_index = None
    if en is not None and home.get_translation_or_none(en) is not None:
        en_index = index.get_translation_or_none(en) or index.copy_for_translation(en)
        _publish_if_changed(en_index, {"title": data["index"]["title_en"], "intro": data["index"]["intro_en"]})

    for item in data["journeys"]:
        journey = JourneyPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if journey is None:
            journey = JourneyPage(title=item["title"], slug=item["slug"])
            index.add_child(instance=journey)
            created += 1
        journey = JourneyPage.objects.get(pk=journey.pk)
        values = {k: item[k] for k in ("title", "life_event", "intro", "body", "legal_basis")}
        steps_changed = _steps_for(journey, item["steps"], procedures, english=False)
        changed = _publish_if_changed(journey, values)
        if steps_changed and not changed:
            journey.save_revision().publish()
        updated += changed or steps_changed
        if en_index is not None:
            translation = journey.get_translation_or_none(en)
            if translation is None:
                translation = journey.copy_for_translation(en)
            translation = JourneyPage.objects.get(pk=translation.pk)
            steps_changed = _steps_for(translation, item["steps"], procedures, english=True)
            values_en = {
                "title": item["title_en"],
                "life_event": item["life_event"],
                "intro": item["intro_en"],
                "body": item["body_en"],
                "legal_basis": item["legal_basis"],
            }
            if not _publish_if_changed(translation, values_en) and steps_changed:
                translation.save_revision().publish()
    missing = sorted(codes - set(procedures))
    note = f"; thiếu thủ tục: {', '.join(missing)}" if missing else ""
    return f"Dịch vụ công liên thông – tạo mới: {created}, cập nhật: {updated}{note}"
