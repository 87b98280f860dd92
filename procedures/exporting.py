"""Export of the procedure catalogue in the interchange format.

The same record shape serves ``export_procedures`` (files, form templates
copied next to them) and the open data API (form templates as download URLs),
and importing an export into an empty install reproduces the catalogue.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .importing.validation import KEYS
from .models import DossierComponent, ProcedurePage

LIST_KEYS = ("methods", "subjects", "steps", "legal_basis")
OPTIONAL_KEYS = ("national_code", "name_en", "subjects", "conditions")


class ExportError(Exception):
    pass


def catalogue_queryset(*, live_only: bool = True):
    """Vietnamese procedure pages with everything the export needs, in a fixed number of queries."""
    queryset = ProcedurePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if live_only:
        queryset = queryset.live()
    return queryset.select_related("field", "agency").prefetch_related(
        Prefetch(
            "dossier_components",
            queryset=DossierComponent.objects.select_related("form").order_by("sort_order", "pk"),
        )
    )


def english_titles(pages: Iterable[ProcedurePage]) -> dict:
    """English titles by translation key, in one query."""
    keys = [page.translation_key for page in pages]
    return dict(
        ProcedurePage.objects.filter(translation_key__in=keys, locale__language_code="en").values_list(
            "translation_key", "title"
        )
    )


def record_from_page(page: ProcedurePage, name_en: str, form_value: Callable) -> dict:
    """One procedure as an interchange record; ``form_value(document)`` names its form file."""
    record = {
        "code": page.code,
        "national_code": page.national_code,
        "name": page.title,
        "name_en": name_en or "",
        "field": page.field.name,
        "agency": page.agency.slug if page.agency_id else "",
        "level": page.level,
        "methods": page.methods,
        "processing_time": page.processing_time,
        "fees": page.fees,
        "subjects": [str(block.value) for block in page.subjects],
        "steps": [str(block.value) for block in page.steps],
        "dossier": [],
        "conditions": page.conditions,
        "legal_basis": [str(block.value) for block in page.legal_basis],
        "result": page.result,
    }
    for component in page.dossier_components.all():
        item = {"name": component.name, "copies": component.copies}
        if component.form_id and component.form is not None:
            item["form"] = form_value(component.form)
        record["dossier"].append(item)
    for key in OPTIONAL_KEYS:
        if not record[key]:
            del record[key]
    return {key: record[key] for key in KEYS if key in record}


class _FormCopier:
    """Copies each form template once into ``forms/`` next to the export."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.names: dict[int, str] = {}
        self.used: set[str] = set()

    def __call__(self, document) -> str:
        if document.pk not in self.names:
            name = Path(document.file.name).name
            if name in self.used:
                name = f"{document.pk}-{name}"
            self.used.add(name)
            self.directory.mkdir(parents=True, exist_ok=True)
            with document.file.open("rb") as source, (self.directory / name).open("wb") as target:
                for chunk in source.chunks():
                    target.write(chunk)
            self.names[document.pk] = name
        return f"forms/{self.names[document.pk]}"


def _cell(key: str, value) -> str | int:
    if key in LIST_KEYS:
        return "\n".join(value)
    if key == "dossier":
        lines = []
        for item in value:
            parts = [item["name"], str(item.get("copies", 1))]
            if item.get("form"):
                parts.append(item["form"])
            lines.append(" | ".join(parts))
        return "\n".join(lines)
    return value


def export_procedures(path: Path | str, *, agencies: list[str] | None = None) -> int:
    """Write every live procedure (or those of ``agencies``) to ``path``; returns how many."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl", ".ndjson", ".csv", ".xlsx"):
        raise ExportError(
            _("Định dạng tệp “%(suffix)s” không được hỗ trợ; hãy dùng .json, .jsonl, .csv hoặc .xlsx.")
            % {"suffix": suffix or path.name}
        )
    queryset = catalogue_queryset()
    if agencies:
        queryset = queryset.filter(agency__slug__in=agencies)
    pages = list(queryset.order_by("code"))
    titles_en = english_titles(pages)
    copier = _FormCopier(path.parent / "forms")
    records = [record_from_page(page, titles_en.get(page.translation_key, ""), copier) for page in pages]
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif suffix in (".jsonl", ".ndjson"):
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    elif suffix == ".csv":
        # With a byte order mark, so that Excel opens it as UTF-8.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=KEYS)
            writer.writeheader()
            for record in records:
                writer.writerow({key: _cell(key, record.get(key, "")) for key in KEYS})
    else:
        _write_xlsx(path, records)
    return len(records)


def _write_xlsx(path: Path, records: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "thu-tuc"
    sheet.append(KEYS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for record in records:
        sheet.append([_cell(key, record.get(key, "")) for key in KEYS])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    workbook.save(path)
