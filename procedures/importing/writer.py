"""Writing validated records into the page tree: create, update or leave alone.

A record is compared with what the catalogue holds (``page_state``); only a
real difference saves and publishes a new revision, so importing the same file
twice changes nothing — not even ``last_published_at`` or the revision count.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.files import File
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from core.text import fold

from ..models import DossierComponent, ProcedureField, ProcedureIndexPage, ProcedurePage
from .validation import ProcedureRecord

_THEO_MAU = re.compile(r"\s*\((theo mẫu|mẫu)\)\s*$", re.IGNORECASE)


def _items(stream) -> list[str]:
    return [str(block.value) for block in stream]


def page_state(page: ProcedurePage, components: list[DossierComponent]) -> dict:
    """The imported fields of a page, comparable with ``record_state``."""
    return {
        "title": page.title,
        "code": page.code,
        "national_code": page.national_code,
        "field": page.field.translation_key if page.field_id else None,
        "level": page.level,
        "in_person": page.in_person,
        "postal": page.postal,
        "online": page.online,
        "processing_time": page.processing_time,
        "fees": page.fees,
        "subjects": _items(page.subjects),
        "steps": _items(page.steps),
        "conditions": page.conditions,
        "legal_basis": _items(page.legal_basis),
        "result": page.result,
        "dossier": [(c.name, c.copies, (c.form.file_hash or "?") if c.form_id else "") for c in components],
    }


def record_state(record: ProcedureRecord, field: ProcedureField | None, title: str) -> dict:
    return {
        "title": title,
        "code": record.code,
        "national_code": record.national_code,
        "field": field.translation_key if field else None,
        "level": record.level,
        "in_person": "in_person" in record.methods,
        "postal": "postal" in record.methods,
        "online": "online" in record.methods,
        "processing_time": record.processing_time,
        "fees": record.fees,
        "subjects": list(record.subjects),
        "steps": list(record.steps),
        "conditions": record.conditions,
        "legal_basis": list(record.legal_basis),
        "result": record.result,
        "dossier": [(c.name, c.copies, c.form_hash) for c in record.dossier],
    }


def _components(page: ProcedurePage) -> list[DossierComponent]:
    return list(page.dossier_components.select_related("form").all())


class Writer:
    """Applies records one by one; with ``write=False`` it only says what it would do."""

    def __init__(self, agencies: dict, *, write: bool):
        self.write = write
        self.agencies = agencies
        self.vi = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        self.en = Locale.objects.filter(language_code="en").first()
        self.fields = {f.slug: f for f in ProcedureField.objects.filter(locale=self.vi)}
        self.indexes: dict[int, ProcedureIndexPage] = {}
        self.slugs: dict[int, set[str]] = {}
        self.documents: dict[tuple[int, str], object] = {}
        self.documents_created = 0

    # --- one record -----------------------------------------------------------------

    def apply(self, record: ProcedureRecord) -> str:
        """“created”, “updated” or “unchanged”."""
        agency = self.agencies[record.agency]
        field = self._field(record.field)
        page = (
            ProcedurePage.objects.filter(code=record.code, locale=self.vi)
            .select_related("field")
            .order_by("pk")
            .first()
        )
        if page is None:
            if self.write:
                page = self._create(record, agency, field)
                self._translate(page, None, record, field, agency)
            return "created"

        changed = page_state(page, _components(page)) != record_state(record, field, record.name)
        en_page = self._translation(page)
        if en_page is None:
            en_changed = bool(record.name_en) and self.en is not None
        else:
            en_title = record.name_en or en_page.title
            en_changed = page_state(en_page, _components(en_page)) != record_state(record, field, en_title)
        if not changed and not en_changed:
            return "unchanged"
        if self.write:
            field = field or self._field(record.field)
            if changed:
                self._fill(page, record, field, agency, title=record.name)
                page.save_revision(log_action=True).publish()
            if en_changed:
                self._translate(page, en_page, record, field, agency)
        return "updated"

    # --- pages ----------------------------------------------------------------------

    def _translation(self, page: ProcedurePage) -> ProcedurePage | None:
        if self.en is None:
            return None
        return (
            ProcedurePage.objects.filter(translation_key=page.translation_key, locale=self.en)
            .select_related("field")
            .first()
        )

    def _create(self, record: ProcedureRecord, agency, field: ProcedureField) -> ProcedurePage:
        index = self._index(agency)
        page = ProcedurePage(slug=self._free_slug(index, record), locale=index.locale)
        self._fill(page, record, field, agency, title=record.name)
        index.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        return page

    def _translate(self, page, en_page, record: ProcedureRecord, field, agency) -> None:
        """Keep the English translation's structured fields equal to the Vietnamese page's."""
        if self.en is None:
            return
        if en_page is None:
            if not record.name_en:
                return
            index = page.get_parent().specific
            if index.get_translation_or_none(self.en) is None:
                ProcedureIndexPage.ensure_for(agency)
                if index.get_translation_or_none(self.en) is None:
                    return  # the agency has no English home page to hang it under
            en_page = page.copy_for_translation(self.en)
        en_field = (
            en_page.field if en_page.field_id and en_page.field.translation_key == field.translation_key else field
        )
        self._fill(en_page, record, en_field, agency, title=record.name_en or en_page.title)
        en_page.save_revision(log_action=True).publish()

    def _fill(self, page: ProcedurePage, record: ProcedureRecord, field, agency, *, title: str) -> None:
        page.title = title
        page.code = record.code
        page.national_code = record.national_code
        page.field = field
        page.level = record.level
        page.in_person = "in_person" in record.methods
        page.postal = "postal" in record.methods
        page.online = "online" in record.methods
        page.processing_time = record.processing_time
        page.fees = record.fees
        page.subjects = [("item", text) for text in record.subjects]
        page.steps = [("item", text) for text in record.steps]
        page.conditions = record.conditions
        page.legal_basis = [("item", text) for text in record.legal_basis]
        page.result = record.result
        page.dossier_components = [
            DossierComponent(
                name=c.name,
                copies=c.copies,
                form=self._document(c, agency) if c.form_path else None,
                sort_order=n,
            )
            for n, c in enumerate(record.dossier)
        ]

    def _index(self, agency) -> ProcedureIndexPage:
        if agency.pk not in self.indexes:
            index, _created = ProcedureIndexPage.ensure_for(agency)
            self.indexes[agency.pk] = index
            self.slugs[index.pk] = set(index.get_children().values_list("slug", flat=True))
        return self.indexes[agency.pk]

    def _free_slug(self, index: ProcedureIndexPage, record: ProcedureRecord) -> str:
        taken = self.slugs[index.pk]
        base = slugify(fold(record.name))[:80].strip("-") or "thu-tuc"
        slug = base
        if slug in taken:
            slug = f"{base}-{slugify(record.code)}"[:255]
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    # --- taxonomy and documents -------------------------------------------------------

    def _field(self, name: str) -> ProcedureField | None:
        slug = slugify(fold(name))[:255] or "linh-vuc"
        field = self.fields.get(slug)
        if field is None and self.write:
            field = ProcedureField.objects.create(name=name, slug=slug, locale=self.vi)
            self.fields[slug] = field
        return field

    def _document(self, component, agency):
        """The agency's Document with this content, stored once (matched by SHA-1)."""
        collection = agency.collection or Collection.get_first_root_node()
        key = (collection.pk, component.form_hash)
        if key not in self.documents:
            Document = get_document_model()
            document = (
                Document.objects.filter(collection=collection, file_hash=component.form_hash).order_by("pk").first()
            )
            if document is None:
                title = _THEO_MAU.sub("", component.name).strip()[:255] or component.form_path.stem
                document = Document(title=title, collection=collection)
                with component.form_path.open("rb") as handle:
                    document.file.save(component.form_path.name, File(handle), save=False)
                document.file_size = component.form_path.stat().st_size
                document.file_hash = component.form_hash
                document.save()
                self.documents_created += 1
            self.documents[key] = document
        return self.documents[key]
