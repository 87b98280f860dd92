"""Demo catalogue: demo/data/procedures-sample.json and demo/data/procedures.json, through the real importer.

Both files are in the interchange format of ``manage.py import_procedures``
(procedures.importing), so the demo exercises the same code as a province —
and, like it, loading twice changes nothing. The sample's form templates are
files in demo/data/forms/; the others are small .docx files built from
demo/data/procedure-forms.json (title and lines), identical bytes every time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.conf import settings

from wagtail.models import Locale

from core.office import word_document
from procedures.importing import run_import
from procedures.models import ProcedureField, ProcedureIndexPage
from sites.models import Agency

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "data"
SAMPLE = DEMO_DIR / "procedures-sample.json"
CATALOGUE = DEMO_DIR / "procedures.json"
FORMS = DEMO_DIR / "procedure-forms.json"
FIELD_NAMES_EN = DEMO_DIR / "procedure-fields-en.json"


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def docx(title: str, lines: list[str]) -> bytes:
    """A small, valid Word document with the form's title and blanks; identical bytes every time."""
    return word_document([line.replace("{TITLE}", title.upper()) for line in lines])


def ensure_field_translations() -> int:
    """English names for the demo's fields (the taxonomy is a translatable snippet)."""
    en = Locale.objects.filter(language_code="en").first()
    if en is None:
        return 0
    names_en = _read(FIELD_NAMES_EN)
    created = 0
    for field in ProcedureField.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
        name_en = names_en.get(field.name)
        if not name_en or field.has_translation(en):
            continue
        translation = field.copy_for_translation(en)
        translation.name = name_en
        translation.save()
        created += 1
    return created


def _import(path: Path, *, progress: bool = False):
    report = run_import(path, progress=progress)
    if not report.ok:
        raise RuntimeError("\n".join(str(error) for error in report.errors))
    return report


def load(stdout=None) -> str:
    agencies = list(Agency.objects.active().filter(home_page__isnull=False).order_by("kind", "slug"))
    indexes = sum(ProcedureIndexPage.ensure_for(agency)[1] for agency in agencies)
    sample = _import(SAMPLE)
    # Only the agencies of this network (a test provisions a few of them).
    slugs = {agency.slug for agency in agencies}
    records = [record for record in _read(CATALOGUE) if record["agency"] in slugs]
    forms = _read(FORMS)
    with tempfile.TemporaryDirectory(prefix="procedures-demo-") as folder:
        for record in records:
            for component in record["dossier"]:
                name = component.get("form")
                path = Path(folder) / name if name else None
                if path is not None and not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(docx(forms["forms"][name], forms["lines"]))
        data_file = Path(folder) / "procedures.json"
        data_file.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        generated = _import(data_file, progress=stdout is not None)
    translations = ensure_field_translations()
    created = len(sample.created) + len(generated.created)
    updated = len(sample.updated) + len(generated.updated)
    unchanged = len(sample.unchanged) + len(generated.unchanged)
    return (
        f"Thủ tục hành chính – tạo mới: {created}, cập nhật: {updated}, không đổi: {unchanged}; "
        f"danh mục mới: {indexes}; lĩnh vực dịch sang tiếng Anh: {translations}"
    )
