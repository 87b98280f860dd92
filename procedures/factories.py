"""Factories of the procedure catalogue: fields (lĩnh vực), catalogue pages and published procedures."""

from __future__ import annotations

import factory

from wagtail.models import Locale

from core.factories import BasePageFactory, slug_for

from .models import DossierComponent, ProcedureField, ProcedureIndexPage, ProcedurePage


def vietnamese() -> Locale:
    return Locale.objects.get(language_code="vi")


class ProcedureFieldFactory(factory.django.DjangoModelFactory):
    """A field of the taxonomy, fetched when one with the same slug exists in the locale."""

    name = factory.Sequence(lambda n: f"Lĩnh vực {n + 1}")
    slug = factory.LazyAttribute(lambda obj: slug_for(obj.name, 255))
    locale = factory.LazyFunction(vietnamese)

    class Meta:
        model = ProcedureField
        django_get_or_create = ("slug", "locale")


class ProcedureIndexPageFactory(BasePageFactory):
    title = ProcedureIndexPage.TITLE
    slug = ProcedureIndexPage.SLUG
    intro = ProcedureIndexPage.INTRO
    parent = factory.SubFactory("home.factories.AgencyHomePageFactory")

    class Meta:
        model = ProcedureIndexPage


class ProcedurePageFactory(BasePageFactory):
    """A published procedure; ``dossier_components=["Đơn đề nghị", …]`` adds its dossier, in order."""

    title = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n + 1:04d}")
    code = factory.Sequence(lambda n: f"T-{n + 1:04d}")
    slug = factory.LazyAttribute(lambda obj: slug_for(obj.code, 64))
    field = factory.SubFactory(ProcedureFieldFactory, name="Hộ tịch")
    level = 2
    processing_time = "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    steps = factory.LazyFunction(lambda: [("item", "Nộp hồ sơ"), ("item", "Nhận kết quả")])
    legal_basis = factory.LazyFunction(lambda: [("item", "Luật Hộ tịch số 60/2014/QH13")])
    result = "Giấy chứng nhận"
    parent = factory.SubFactory(ProcedureIndexPageFactory)

    class Meta:
        model = ProcedurePage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Dossier components are inline children: on the page before it is first saved, as the editor adds them."""
        components = kwargs.pop("dossier_components", None) or []
        if components:
            kwargs["dossier_components"] = [
                c if isinstance(c, DossierComponent) else DossierComponent(name=c, copies=1, sort_order=position)
                for position, c in enumerate(components)
            ]
        return super()._create(model_class, *args, **kwargs)
