"""Load pages from data: one record per page, under an agency's site, Vietnamese first, English by strings.

The province's way to bring content in bulk (``manage.py load_pages FILE.json``),
and the demo's. A record::

    {
      "site": "so-y-te",                    # agency slug
      "parent": "van-ban-phap-luat",        # slug path under the agency's home ("" = the home page)
      "parent_type": "news.NewsIndexPage",  # or: the home page's first child of this type
      "type": "sections.LegalDocumentPage", # page model, "app.Model"
      "slug": "15-2024-qd-ubnd",
      "fields": {"title": "…", "body": [{"type": "paragraph", "value": "<p>…</p>"}]},
      "refs": {"document_type": {"name": "Quyết định"}, "categories": [{"slug": "y-te"}]},
      "children": {"leaders": [{"fields": {…}, "refs": {"photo": {"title": "…"}}}]},
      "after": "gioi-thieu",                # optional: place right of this sibling
      "translations": {"en": {"source string": "its translation"}},
      "translated_children": {"en": {"leaders": [{"position": "Director"}]}},
      "revision": true                      # false: live without a first revision (bulk documents)
    }

``refs`` name snippets, taxonomy items, images or documents by natural key (any
exact lookup that matches one object); a list for a many-to-many field.
``translated_children`` overrides fields of inline children that are not
translatable objects themselves (wagtail-localize synchronises those).

Every record is validated before anything is written; a page that exists at
``site`` + parent + ``slug`` is left as it is (and its missing translations
added), so loading a file twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models, transaction

from wagtail.models import Locale, Page

from sites.models import Agency

RECORD_KEYS = {
    "site",
    "parent",
    "parent_type",
    "type",
    "slug",
    "fields",
    "refs",
    "children",
    "after",
    "translations",
    "translated_children",
    "revision",
}


class PageLoadError(Exception):
    """Invalid records; ``errors`` lists every problem, one line each."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    translated: list[str] = field(default_factory=list)
    pages: dict[int, Page] = field(default_factory=dict)  # record position -> Vietnamese page

    def __str__(self) -> str:
        return f"trang mới: {len(self.created)}, không đổi: {len(self.unchanged)}, bản dịch mới: {len(self.translated)}"


@dataclass
class _Plan:
    position: int
    record: dict
    agency: Agency
    model: type[Page]
    key: tuple[str, str]  # (agency slug, slug path under home)
    parent: Page | None  # None while the parent is an earlier record of the same batch
    parent_key: tuple[str, str]
    existing: Page | None
    values: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, list] = field(default_factory=dict)
    children: dict[str, list[dict]] = field(default_factory=dict)
    locales: dict[str, Locale] = field(default_factory=dict)


def read_records(path: Path | str) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("pages", [])
    if not isinstance(data, list):
        raise PageLoadError([f"{path}: expected a list of page records"])
    return data


def load_pages(records: list[dict], *, dry_run: bool = False) -> LoadReport:
    """Validate every record, then create the missing pages and translations in one transaction."""
    plans = _validate(records)
    report = LoadReport()
    if dry_run:
        return report
    with transaction.atomic():
        made: dict[tuple[str, str], Page] = {}
        for plan in plans:
            page = plan.existing
            if page is None:
                parent = plan.parent or made[plan.parent_key]
                page = _create(plan, parent)
                report.created.append(f"{plan.key[0]}:{plan.key[1]}")
            else:
                report.unchanged.append(f"{plan.key[0]}:{plan.key[1]}")
            made[plan.key] = page
            report.pages[plan.position] = page
            for code, locale in plan.locales.items():
                if page.get_translation_or_none(locale) is None:
                    _translate(page, locale, plan)
                    report.translated.append(f"{plan.key[0]}:{plan.key[1]}:{code}")
    return report


def load_file(path: Path | str, *, dry_run: bool = False) -> LoadReport:
    return load_pages(read_records(path), dry_run=dry_run)


# --- validation ---------------------------------------------------------------------------


def _validate(records: list[dict]) -> list[_Plan]:
    errors: list[str] = []
    plans: list[_Plan] = []
    planned: dict[tuple[str, str], type[Page]] = {}
    agencies = {a.slug: a for a in Agency.objects.filter(home_page__isnull=False).select_related("home_page")}
    for position, record in enumerate(records, start=1):
        where = f"bản ghi {position}"
        if not isinstance(record, dict):
            errors.append(f"{where}: không phải một đối tượng JSON (not an object)")
            continue
        where = f"bản ghi {position} ({record.get('site')}:{record.get('slug')})"
        problems: list[str] = []
        plan = _plan(position, record, agencies, planned, problems)
        errors.extend(f"{where}: {p}" for p in problems)
        if plan is not None and not problems:
            if plan.key in planned:
                errors.append(f"{where}: trang trùng trong tệp (duplicate page)")
                continue
            planned[plan.key] = plan.model
            plans.append(plan)
    if errors:
        raise PageLoadError(errors)
    return plans


def _plan(position, record, agencies, planned, problems) -> _Plan | None:
    unknown = set(record) - RECORD_KEYS
    if unknown:
        problems.append(f"khóa không hợp lệ (unknown keys): {', '.join(sorted(unknown))}")
    agency = agencies.get(record.get("site") or "")
    if agency is None:
        problems.append(f"không có trang của cơ quan '{record.get('site')}' (unknown site)")
    model = _page_model(record.get("type"), problems)
    slug = record.get("slug")
    if not slug or not isinstance(slug, str) or "/" in slug:
        problems.append("thiếu 'slug' hoặc 'slug' không hợp lệ (missing or invalid slug)")
    fields = record.get("fields") or {}
    if not isinstance(fields, dict) or not fields.get("title"):
        problems.append("thiếu 'fields.title' (missing title)")
    if agency is None or model is None or problems:
        return None

    home = agency.home_page
    parent, parent_path = _parent(record, home, planned, agency.slug, problems)
    if problems:
        return None
    parent_model = planned.get((agency.slug, parent_path)) if parent is None else parent.specific_class
    if parent_model is not None and not (
        parent_model in model.allowed_parent_page_models() and model in parent_model.allowed_subpage_models()
    ):
        problems.append(f"{model._meta.label} không được đặt dưới {parent_model._meta.label} (not allowed here)")
    path = f"{parent_path}/{slug}".strip("/")
    existing = None
    if parent is not None:
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            existing = existing.specific
            if not isinstance(existing, model):
                problems.append(f"'{path}' đã là {type(existing)._meta.label} (exists with another type)")
    plan = _Plan(position, record, agency, model, (agency.slug, path), parent, (agency.slug, parent_path), existing)
    _values(plan, model, fields, record.get("refs") or {}, problems)
    _children(plan, model, record.get("children") or {}, problems)
    for code, strings in (record.get("translations") or {}).items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            problems.append(f"không có ngôn ngữ '{code}' (unknown locale)")
        elif not isinstance(strings, dict):
            problems.append(f"'translations.{code}' phải là từ điển chuỗi (must map strings)")
        else:
            plan.locales[code] = locale
    for code in record.get("translated_children") or {}:
        if code not in plan.locales:
            problems.append(f"'translated_children.{code}' không có 'translations.{code}'")
    return plan


def _page_model(label, problems) -> type[Page] | None:
    try:
        model = apps.get_model(label or "")
    except (LookupError, ValueError):
        problems.append(f"không có kiểu trang '{label}' (unknown page type)")
        return None
    if not issubclass(model, Page) or model is Page:
        problems.append(f"'{label}' không phải kiểu trang (not a page type)")
        return None
    return model


def _parent(record, home, planned, site, problems) -> tuple[Page | None, str]:
    """The parent page (None when an earlier record of the batch creates it) and its path under home."""
    if record.get("parent_type"):
        model = _page_model(record["parent_type"], problems)
        if model is None:
            return None, ""
        found = home.get_children().type(model).first()
        if found is None:
            problems.append(f"trang chủ không có trang con kiểu {record['parent_type']} (no such parent)")
            return None, ""
        return found, found.slug
    path = (record.get("parent") or "").strip("/")
    page = home
    for part in path.split("/") if path else []:
        page = page.get_children().filter(slug=part).first()
        if page is None:
            if (site, path) not in planned:  # else an earlier record of the batch creates it
                problems.append(f"không tìm thấy trang cha '{path}' (parent not found)")
            return None, path
    return page, path


def _values(plan: _Plan, model, fields: dict, refs: dict, problems: list[str], target: dict | None = None):
    """Clean ``fields`` and resolve ``refs`` for ``model`` into ``target`` (the plan's values by default)."""
    target = plan.values if target is None else target
    for name, value in fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            problems.append(f"{model._meta.label} không có trường '{name}' (unknown field)")
            continue
        if model_field.is_relation:
            problems.append(f"'{name}' là quan hệ: dùng 'refs' (a relation: give it in refs)")
            continue
        try:
            target[name] = model_field.clean(value, None)
        except ValidationError as exc:
            problems.append(f"'{name}': {'; '.join(exc.messages)}")
    for name, lookup in refs.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            problems.append(f"{model._meta.label} không có trường '{name}' (unknown field)")
            continue
        related = model_field.related_model
        if related is None or not (model_field.many_to_many or model_field.many_to_one):
            problems.append(f"'{name}' không phải khóa ngoại (not a foreign key or many-to-many)")
            continue
        many = model_field.many_to_many
        if many != isinstance(lookup, list):
            problems.append(f"'refs.{name}': {'một danh sách' if many else 'một đối tượng'} (expected a list or not)")
            continue
        found = [_lookup(related, item, name, problems) for item in (lookup if many else [lookup])]
        if many:
            plan.m2m[name] = found
        else:
            target[name] = found[0]


def _lookup(model, lookup, name, problems):
    if not isinstance(lookup, dict) or not lookup:
        problems.append(f'\'refs.{name}\': cần một tra cứu như {{"slug": "…"}} (a lookup object)')
        return None
    try:
        return model._default_manager.get(**lookup)
    except ObjectDoesNotExist:
        problems.append(f"'refs.{name}': không có {model._meta.label} {lookup} (not found)")
    except model.MultipleObjectsReturned:
        problems.append(f"'refs.{name}': nhiều {model._meta.label} khớp {lookup} (ambiguous)")
    except (ValueError, TypeError, models.FieldError) as exc:
        problems.append(f"'refs.{name}': {exc}")
    return None


def _children(plan: _Plan, model, children: dict, problems: list[str]):
    for relation, items in children.items():
        child_model = _child_model(model, relation)
        if child_model is None:
            problems.append(f"{model._meta.label} không có quan hệ con '{relation}' (unknown child relation)")
            continue
        rows = []
        for item in items or []:
            values: dict = {}
            _values(plan, child_model, item.get("fields") or {}, item.get("refs") or {}, problems, target=values)
            rows.append(values)
        plan.children[relation] = rows


def _child_model(model, relation):
    for rel in model._meta.related_objects:
        if rel.get_accessor_name() == relation and rel.one_to_many:
            return rel.related_model
    return None


# --- writing ----------------------------------------------------------------------------


def _create(plan: _Plan, parent: Page) -> Page:
    page = plan.model(slug=plan.record["slug"], **plan.values)
    for relation, rows in plan.children.items():
        child_model = _child_model(plan.model, relation)
        getattr(page, relation).set([child_model(sort_order=i, **row) for i, row in enumerate(rows)])
    revision = plan.record.get("revision", True)
    if not revision:
        from django.utils import timezone

        page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    for name, objects in plan.m2m.items():
        getattr(page, name).set(objects)
    if revision:
        page.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    if plan.record.get("after"):
        sibling = page.get_siblings().filter(slug=plan.record["after"]).exclude(pk=page.pk).first()
        if sibling is not None:
            page.move(sibling, pos="right")
            page = Page.objects.get(pk=page.pk).specific
    return page


def _translate(page: Page, locale: Locale, plan: _Plan) -> Page:
    from core.translation import translate

    translation = translate(page, locale, plan.record["translations"][locale.language_code])
    overrides = (plan.record.get("translated_children") or {}).get(locale.language_code) or {}
    if overrides:
        for relation, rows in overrides.items():
            children = list(getattr(translation, relation).all())
            for child, row in zip(children, rows, strict=False):
                for name, value in row.items():
                    setattr(child, name, value)
            setattr(translation, relation, children)
        translation.save_revision().publish()
    return translation
