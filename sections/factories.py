"""Factories of the Decree 42 sections, shared by the tests and the demo loader.

The classes are factory_boy / wagtail-factories factories; the functions below them
(``library``, ``legal_document``, ``question_page``…) are the short forms the tests
and the demo call, kept as thin wrappers.
"""

from __future__ import annotations

from datetime import date, timedelta

import factory
import wagtail_factories

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from core.factories import BasePageFactory, slug_for
from core.text import fold

from .models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ContactPage,
    DirectionIndexPage,
    DocumentIssuer,
    DocumentStatus,
    DocumentType,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    OrganisationPage,
    PlanReportIndexPage,
    Question,
    QuestionIndexPage,
)

_AGENCY_HOME = "home.factories.AgencyHomePageFactory"

# --- taxonomies and files -------------------------------------------------------


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Loại văn bản {n + 1}")
    sort_order = 100

    class Meta:
        model = DocumentType
        django_get_or_create = ("name",)


class DocumentIssuerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Cơ quan ban hành {n + 1}")
    sort_order = 100

    class Meta:
        model = DocumentIssuer
        django_get_or_create = ("name",)


class TextDocumentFactory(wagtail_factories.DocumentFactory):
    """A small text file stored as a Wagtail document (the demo's stand-in for a signed PDF)."""

    title = factory.Sequence(lambda n: f"Tệp văn bản {n + 1}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(
        lambda obj: ContentFile(obj.text.encode("utf-8"), name=f"{slugify(fold(obj.title))[:60] or 'van-ban'}.txt")
    )

    class Meta:
        model = get_document_model()

    class Params:
        text = "Nội dung văn bản."


def section_page_factory(model, title: str, slug: str, **fields) -> type[BasePageFactory]:
    """The factory of a section page that stands once under an agency's home (a listing, contact…)."""
    meta = type("Meta", (), {"model": model})
    attributes = {"__module__": __name__, "title": title, "slug": slug, "Meta": meta, **fields}
    attributes.setdefault("parent", factory.SubFactory(_AGENCY_HOME))
    return type(f"{model.__name__}Factory", (BasePageFactory,), attributes)


# --- document libraries, organisation, contact, consultation and question listings -------

LegalDocumentIndexPageFactory = section_page_factory(LegalDocumentIndexPage, "Văn bản pháp luật", "van-ban-phap-luat")
DirectionIndexPageFactory = section_page_factory(DirectionIndexPage, "Văn bản chỉ đạo điều hành", "chi-dao-dieu-hanh")
PlanReportIndexPageFactory = section_page_factory(PlanReportIndexPage, "Kế hoạch, báo cáo", "ke-hoach-bao-cao")
OrganisationPageFactory = section_page_factory(
    OrganisationPage, "Cơ cấu tổ chức", "co-cau-to-chuc", intro="Chức năng, nhiệm vụ và lãnh đạo của cơ quan."
)
ContactPageFactory = section_page_factory(
    ContactPage, "Liên hệ", "lien-he", intro="Địa chỉ, điện thoại và thư điện tử của cơ quan."
)
ConsultationIndexPageFactory = section_page_factory(ConsultationIndexPage, "Lấy ý kiến dự thảo văn bản", "lay-y-kien")
QuestionIndexPageFactory = section_page_factory(QuestionIndexPage, "Hỏi đáp", "hoi-dap")


class LegalDocumentPageFactory(BasePageFactory):
    number = factory.Sequence(lambda n: f"{n + 1}/2024/QĐ-UBND")
    document_type = factory.SubFactory(DocumentTypeFactory, name="Quyết định", name_en="Decision")
    issuer = factory.SubFactory(
        DocumentIssuerFactory, name="Ủy ban nhân dân tỉnh", name_en="Provincial People's Committee"
    )
    title = factory.LazyAttribute(lambda obj: f"{obj.document_type.name} số {obj.number}")
    slug = factory.LazyAttribute(lambda obj: slugify(fold(obj.number.replace("/", "-"))) or "van-ban")
    issued_date = date(2024, 1, 15)
    effective_date = factory.LazyAttribute(lambda obj: obj.issued_date)
    status = DocumentStatus.IN_FORCE
    summary = factory.LazyAttribute(lambda obj: f"Trích yếu văn bản số {obj.number}.")
    parent = factory.SubFactory(LegalDocumentIndexPageFactory)

    class Meta:
        model = LegalDocumentPage


# --- participation: drafts, comments and questions -----------------------------------


class ConsultationPageFactory(BasePageFactory):
    """A draft open for comments; ``closes_in`` (a timedelta, 30 days by default) sets its deadline."""

    title = factory.Sequence(lambda n: f"Dự thảo quy định số {n + 1}")
    slug = factory.LazyAttribute(lambda obj: slug_for(obj.title))
    summary = factory.LazyAttribute(lambda obj: f"Tóm tắt nội dung {obj.title}.")
    closes_at = factory.LazyAttribute(lambda obj: timezone.now() + obj.closes_in)
    opens_at = factory.LazyAttribute(lambda obj: min(timezone.now(), obj.closes_at) - timedelta(days=10))
    parent = factory.SubFactory(ConsultationIndexPageFactory)

    class Meta:
        model = ConsultationPage

    class Params:
        closes_in = timedelta(days=30)


class ConsultationCommentFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ConsultationPageFactory)
    name = "Nguyễn Văn An"
    email = "nguoidan@example.vn"
    body = "Đề nghị làm rõ thời hạn áp dụng."

    class Meta:
        model = ConsultationComment


class QuestionFactory(factory.django.DjangoModelFactory):
    """A citizen's question; ``status=Question.Status.PUBLISHED`` publishes it now."""

    page = factory.SubFactory(QuestionIndexPageFactory)
    name = "Nguyễn Văn An"
    email = "nguoidan@example.vn"
    title = factory.Sequence(lambda n: f"Câu hỏi số {n + 1}")
    question = factory.LazyAttribute(lambda obj: f"Nội dung {obj.title.lower()}.")
    status = Question.Status.PENDING
    published_at = factory.LazyAttribute(
        lambda obj: timezone.now() if obj.status == Question.Status.PUBLISHED else None
    )

    class Meta:
        model = Question


# --- the short forms the tests and the demo call ----------------------------------


def add_published(parent: Page, page: Page, *, revision: bool = True) -> Page:
    """Add a page instance live under ``parent``; ``revision=False`` skips the revision (fast, for bulk test data)."""
    if not revision:
        page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    if revision:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def document_type(name: str, name_en: str = "", order: int = 100) -> DocumentType:
    return DocumentTypeFactory(name=name, name_en=name_en, sort_order=order)


def issuer(name: str, name_en: str = "", order: int = 100) -> DocumentIssuer:
    return DocumentIssuerFactory(name=name, name_en=name_en, sort_order=order)


def text_document(title: str, text: str, collection=None):
    """A small text file stored as a Wagtail document (the demo's stand-in for a signed PDF)."""
    extra = {"collection": collection} if collection is not None else {}
    return TextDocumentFactory(title=title, text=text, **extra)


_LIBRARY_FACTORIES = {
    LegalDocumentIndexPage: LegalDocumentIndexPageFactory,
    DirectionIndexPage: DirectionIndexPageFactory,
    PlanReportIndexPage: PlanReportIndexPageFactory,
}


def library(home: Page, cls=LegalDocumentIndexPage, title: str = "Văn bản pháp luật", slug: str = "van-ban-phap-luat"):
    return _LIBRARY_FACTORIES[cls](parent=home, title=title, slug=slug)


def legal_document(
    parent: Page,
    *,
    number: str,
    doc_type: DocumentType,
    doc_issuer: DocumentIssuer,
    issued: date,
    summary: str,
    effective: date | None = None,
    expiry: date | None = None,
    status: str = DocumentStatus.IN_FORCE,
    title: str = "",
    file=None,
    signer: str = "",
    revision: bool = True,
) -> LegalDocumentPage:
    extra = {"title": title} if title else {}
    return LegalDocumentPageFactory(
        parent=parent,
        number=number,
        document_type=doc_type,
        issuer=doc_issuer,
        issued_date=issued,
        effective_date=effective or issued,
        expiry_date=expiry,
        status=status,
        summary=summary,
        file=file,
        signer=signer,
        revision=revision,
        **extra,
    )


def question_page(home: Page, title: str = "Hỏi đáp", slug: str = "hoi-dap") -> QuestionIndexPage:
    return QuestionIndexPageFactory(parent=home, title=title, slug=slug)


def question(
    page: QuestionIndexPage, *, title: str, text: str, name: str = "Nguyễn Văn An", answer: str = "", status=None
):
    extra = {"status": status} if status else {}
    return QuestionFactory(page=page, title=title, question=text, name=name, answer=answer, **extra)


def consultation(
    home_or_index: Page, *, title: str, summary: str, closes_in: timedelta, slug: str = "", draft_file=None, **extra
) -> ConsultationPage:
    """A draft open for comments under the home page's consultation index (created when missing)."""
    index = home_or_index
    if not isinstance(home_or_index.specific, ConsultationIndexPage):
        index = ConsultationIndexPage.objects.child_of(home_or_index).first() or ConsultationIndexPageFactory(
            parent=home_or_index
        )
    if slug:
        extra["slug"] = slug
    return ConsultationPageFactory(
        parent=index, title=title, summary=summary, closes_in=closes_in, draft_file=draft_file, **extra
    )
