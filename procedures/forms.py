"""Filtering the catalogue: one set of rules for the public pages and the open data API.

Every filter is a plain GET parameter, so a filtered catalogue is a shareable
link that works without JavaScript: ``?field=ho-tich&agency=so-y-te&kind=
department&level=3&method=online&sort=name&page=2``.
"""

from __future__ import annotations

from functools import cache

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sites.models import Agency

from .models import DECREE_42_TERMS, METHODS, Level, ProcedureField, ProcedurePage

PER_PAGE = 20

SORTS = {
    "name": (_("Tên thủ tục (A–Z)"), ("title", "code")),
    "code": (_("Mã thủ tục"), ("code",)),
    "level": (_("Mức độ cao trước"), ("-level", "title")),
    "updated": (_("Mới cập nhật"), ("-last_published_at", "code")),
}
DEFAULT_SORT = "name"


def level_label(value: int):
    """“Mức độ 3 – Dịch vụ công trực tuyến một phần”, translated when displayed."""
    return format_lazy("{} – {}", Level(value).label, DECREE_42_TERMS[value])


@cache
def _vietnamese_collation() -> str | None:
    """PostgreSQL's ICU collation for Vietnamese, so “Đ” sorts after “D”, not after “Z”."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collname = 'vi-x-icu'")
        row = cursor.fetchone()
    return row[0] if row else None


def _order_fields(sort: str) -> list:
    fields = []
    collation = _vietnamese_collation()
    for name in SORTS.get(sort, SORTS[DEFAULT_SORT])[1]:
        if name == "title" and collation:
            fields.append(Collate(F("title"), collation).asc())
        else:
            fields.append(name)
    return fields


class ProcedureFilterForm(forms.Form):
    """The filters, validated; unknown slugs simply match nothing."""

    field = forms.SlugField(label=_("Lĩnh vực"), required=False)
    agency = forms.SlugField(label=_("Cơ quan thực hiện"), required=False)
    kind = forms.ChoiceField(
        label=_("Cấp thực hiện"), required=False, choices=[("", _("Tất cả các cấp")), *Agency.Kind.choices]
    )
    level = forms.TypedChoiceField(
        label=_("Mức độ dịch vụ công"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tất cả mức độ")), *[(value, level_label(value)) for value in Level.values]],
    )
    method = forms.ChoiceField(
        label=_("Cách thức thực hiện"), required=False, choices=[("", _("Tất cả cách thức")), *METHODS]
    )
    sort = forms.ChoiceField(
        label=_("Sắp xếp theo"),
        required=False,
        choices=[(key, label) for key, (label, _fields) in SORTS.items()],
    )

    def filter(self, queryset):
        """Apply the valid filters (invalid ones are ignored) and the sort order."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        if data.get("field"):
            queryset = queryset.filter(field__slug=data["field"])
        if data.get("agency"):
            queryset = queryset.filter(agency__slug=data["agency"])
        if data.get("kind"):
            queryset = queryset.filter(agency__kind=data["kind"])
        if data.get("level"):
            queryset = queryset.filter(level=data["level"])
        if data.get("method"):
            queryset = queryset.filter(**{data["method"]: True})
        return queryset.order_by(*_order_fields(data.get("sort") or DEFAULT_SORT))


class CatalogueFilterForm(ProcedureFilterForm):
    """The catalogue page's GET form: select boxes filled from what the catalogue holds."""

    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    agency = forms.ChoiceField(label=_("Cơ quan thực hiện"), required=False)

    #: What ``context()`` gives the catalogue's template.
    CONTEXT_KEYS = (
        "filter_form",
        "procedures",
        "paginator",
        "field_names",
        "filters_active",
        "current_sort",
        "sort_links",
    )

    def __init__(self, *args, index=None, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.index = index
        self.scope = scope
        self.field_names = localized_field_names()
        fields = {}
        for field in ProcedureField.objects.filter(procedures__in=scope).distinct().order_by("name"):
            fields.setdefault(field.slug, self.field_names.get(field.translation_key, field.name))
        self.fields["field"].choices = [("", _("Tất cả lĩnh vực")), *sorted(fields.items(), key=lambda kv: kv[1])]
        if index is not None and index.is_network_catalogue:
            labels = dict(Agency.Kind.choices)
            groups: dict[str, list] = {}
            agencies = Agency.objects.active().filter(site__isnull=False).only("slug", "name", "name_en", "kind")
            for agency in sorted(agencies, key=lambda a: (Agency.KIND_ORDER.index(a.kind), a.name)):
                groups.setdefault(agency.kind, []).append((agency.slug, _display_name(agency)))
            self.fields["agency"].choices = [
                ("", _("Tất cả cơ quan")),
                *[(labels[kind], items) for kind, items in groups.items()],
            ]
        else:
            # An agency's own catalogue lists only its procedures.
            del self.fields["agency"]
            del self.fields["kind"]

    @classmethod
    def for_index(cls, index, request) -> CatalogueFilterForm:
        scope = ProcedurePage.objects.live().filter(locale_id=index.locale_id)
        if not index.is_network_catalogue:
            scope = scope.filter(agency_id=index.agency_id)
        form = cls(request.GET or None, index=index, scope=scope)
        form.request = request
        form.is_valid()
        return form

    def context(self) -> dict:
        queryset = (
            self.filter(self.scope)
            .select_related("field", "agency")
            .defer("steps", "legal_basis", "subjects", "conditions", "result", "search_description", "seo_title")
        )
        paginator = Paginator(queryset, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = list(page.object_list)
        for procedure in page.object_list:
            procedure.field_label = self.field_names.get(procedure.field.translation_key, procedure.field.name)
        data = getattr(self, "cleaned_data", {})
        active = any(data.get(key) for key in ("field", "agency", "kind", "level", "method"))
        return {
            "filter_form": self,
            "procedures": page,
            "paginator": paginator,
            "field_names": self.field_names,
            "filters_active": active,
            "current_sort": data.get("sort") or DEFAULT_SORT,
            "sort_links": [(key, label) for key, (label, _fields) in SORTS.items()],
        }


def _display_name(agency: Agency) -> str:
    if (get_language() or "vi").startswith("en") and agency.name_en:
        return agency.name_en
    return agency.name


def localized_field_names() -> dict:
    """Field names in the active language, by translation key (one query in English, none in Vietnamese)."""
    language = (get_language() or "vi")[:2]
    if language == "vi":
        return {}
    return dict(ProcedureField.objects.filter(locale__language_code=language).values_list("translation_key", "name"))
