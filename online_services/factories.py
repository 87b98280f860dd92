"""Factories for online-service tests, the demo and the bench: a procedure with its published online form.

The procedure is the catalogue's (``procedures``): this app names its factories by
string (``factory.SubFactory("procedures.factories.…")``) and never imports them.
"""

from __future__ import annotations

import factory

from django.apps import apps

from core.factories import BasePageFactory

from .codes import generate_receipt_code
from .forms import default_fields
from .models import Dossier, OnlineServicePage

#: The catalogue's factories, resolved by factory_boy from their dotted names when first used.
_procedure_page = factory.SubFactory("procedures.factories.ProcedurePageFactory")
_procedure_index = factory.SubFactory("procedures.factories.ProcedureIndexPageFactory")
_procedure_field = factory.SubFactory("procedures.factories.ProcedureFieldFactory")


class OnlineServicePageFactory(BasePageFactory):
    """A procedure's online form with the default fields, as an editor creating it would get."""

    title = "Nộp hồ sơ trực tuyến"
    slug = "nop-ho-so-truc-tuyen"
    parent = _procedure_page

    class Meta:
        model = OnlineServicePage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if "form_fields" not in kwargs:
            procedure = kwargs["parent"].specific
            kwargs["form_fields"] = default_fields(procedure, procedure.locale.language_code)
        return super()._create(model_class, *args, **kwargs)


class DossierFactory(factory.django.DjangoModelFactory):
    """A dossier received for a procedure's online form (its procedure and agency follow the form)."""

    service_page = factory.SubFactory(OnlineServicePageFactory)
    procedure = factory.LazyAttribute(lambda obj: obj.service_page.get_parent().specific)
    agency = factory.LazyAttribute(lambda obj: obj.procedure.agency)
    procedure_code = factory.LazyAttribute(lambda obj: obj.procedure.code)
    procedure_title = factory.LazyAttribute(lambda obj: obj.procedure.title)
    receipt_code = factory.LazyFunction(generate_receipt_code)
    applicant_name = "Nguyễn Văn An"
    applicant_phone = "0912 345 678"
    applicant_email = "an@example.vn"

    class Meta:
        model = Dossier


def procedure_index_for(agency):
    """The agency's procedure catalogue (provisioning creates it; made here when missing)."""
    ProcedureIndexPage = apps.get_model("procedures", "ProcedureIndexPage")
    home = agency.home_page.specific
    existing = ProcedureIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return _procedure_index.get_factory()(parent=home)


def make_procedure(
    agency,
    *,
    code: str = "HT-GTVT-001",
    title: str = "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    processing_time: str = "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    components: list[str] | None = None,
    level: int = 2,
):
    """A published procedure page (``procedures.ProcedurePage``) of the agency with its dossier components."""
    field = _procedure_field.get_factory()(name="Đường bộ", slug="duong-bo")
    return _procedure_page.get_factory()(
        parent=procedure_index_for(agency),
        title=title,
        slug=code.lower(),
        code=code,
        field=field,
        level=level,
        processing_time=processing_time,
        result="Giấy phép lái xe",
        steps=[],
        legal_basis=[],
        dossier_components=components
        or ["Đơn đề nghị đổi giấy phép lái xe (theo mẫu)", "Giấy khám sức khỏe của người lái xe"],
    )


def make_service_page(procedure, *, publish: bool = True, **overrides) -> OnlineServicePage:
    """The procedure's online form (the existing one if it has one)."""
    existing = OnlineServicePage.objects.child_of(procedure).first()
    if existing:
        return existing
    return OnlineServicePageFactory(parent=procedure, publish=publish, **overrides)


def translate_service_page(page: OnlineServicePage) -> list[OnlineServicePage]:
    """Give each translation of the procedure its translated form (same field names, labels in its language)."""
    from django.utils import translation as i18n
    from django.utils.translation import gettext

    created = []
    procedure = page.procedure
    for other in procedure.get_translations():
        if OnlineServicePage.objects.child_of(other).exists():
            continue
        language = other.locale.language_code
        copy = page.copy_for_translation(other.locale)
        labels = default_fields(other.specific, language)
        for field, translated in zip(copy.form_fields.all(), labels, strict=False):
            field.label, field.help_text = translated.label, translated.help_text
            field.save(update_fields=["label", "help_text"])
        with i18n.override(language):
            copy.title = gettext("Nộp hồ sơ trực tuyến")
        copy.save()
        copy.save_revision().publish()
        created.append(copy)
    return created
