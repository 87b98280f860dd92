"""Builders for online-service tests, the demo and the bench: a procedure with its published online form."""

from __future__ import annotations

from django.apps import apps

from wagtail.models import Locale

from .forms import default_fields
from .models import OnlineServicePage


def _procedures(name: str):
    """A model of the catalogue (``procedures``), which this app names without importing."""
    return apps.get_model("procedures", name)


def procedure_index_for(agency):
    ProcedureIndexPage = _procedures("ProcedureIndexPage")
    home = agency.home_page.specific
    existing = ProcedureIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_procedure(
    agency,
    *,
    code: str = "HT-GTVT-001",
    title: str = "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    processing_time: str = "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    components: list[str] | None = None,
    level: int = 2,
):
    """A published procedure page (``procedures.ProcedurePage``) with its dossier components."""
    ProcedureField = _procedures("ProcedureField")
    ProcedurePage = _procedures("ProcedurePage")
    DossierComponent = _procedures("DossierComponent")
    vi = Locale.objects.get(language_code="vi")
    field, _created = ProcedureField.objects.get_or_create(slug="duong-bo", locale=vi, defaults={"name": "Đường bộ"})
    index = procedure_index_for(agency)
    procedure = ProcedurePage(
        title=title,
        slug=code.lower(),
        code=code,
        field=field,
        level=level,
        processing_time=processing_time,
        result="Giấy phép lái xe",
    )
    for position, name in enumerate(
        components or ["Đơn đề nghị đổi giấy phép lái xe (theo mẫu)", "Giấy khám sức khỏe của người lái xe"]
    ):
        procedure.dossier_components.add(DossierComponent(name=name, copies=1, sort_order=position))
    index.add_child(instance=procedure)
    procedure.save_revision().publish()
    return procedure


def make_service_page(procedure, *, publish: bool = True, **overrides) -> OnlineServicePage:
    """The procedure's online form with the default fields, as an editor creating it would get."""
    existing = OnlineServicePage.objects.child_of(procedure).first()
    if existing:
        return existing
    language = procedure.locale.language_code
    page = OnlineServicePage(
        title=overrides.pop("title", "Nộp hồ sơ trực tuyến"),
        slug=overrides.pop("slug", "nop-ho-so-truc-tuyen"),
        **overrides,
    )
    page.form_fields = default_fields(procedure, language)
    procedure.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


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
