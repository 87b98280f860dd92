"""Builders for the Decree 42 sections, shared by the tests and the demo loader."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Page

from core.text import fold

from .models import (
    ConsultationIndexPage,
    ConsultationPage,
    DocumentIssuer,
    DocumentStatus,
    DocumentType,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    Question,
    QuestionIndexPage,
)


def add_published(parent: Page, page: Page, *, revision: bool = True) -> Page:
    """Add a live page; ``revision=False`` skips the revision (fast, for bulk test data)."""
    if not revision:
        page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    if revision:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def document_type(name: str, name_en: str = "", order: int = 100) -> DocumentType:
    return DocumentType.objects.get_or_create(name=name, defaults={"name_en": name_en, "sort_order": order})[0]


def issuer(name: str, name_en: str = "", order: int = 100) -> DocumentIssuer:
    return DocumentIssuer.objects.get_or_create(name=name, defaults={"name_en": name_en, "sort_order": order})[0]


def text_document(title: str, text: str, collection=None):
    """A small text file stored as a Wagtail document (the demo's stand-in for a signed PDF)."""
    Document = get_document_model()
    doc = Document(title=title)
    if collection is not None:
        doc.collection = collection
    doc.file.save(
        f"{slugify(fold(title))[:60] or 'van-ban'}.txt", ContentFile(text.encode("utf-8")), save=False
    )
    doc.save()
    return doc


def library(home: Page, cls=LegalDocumentIndexPage, title: str = "Văn bản pháp luật", slug: str = "van-ban-phap-luat"):
    return add_published(home, cls(title=title, slug=slug))


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
    page = LegalDocumentPage(
        title=title or f"{doc_type.name} số {number}",
        slug=slugify(fold(number.replace("/", "-"))) or "van-ban",
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
    )
    return add_published(parent, page, revision=revision)


def question_page(home: Page, title: str = "Hỏi đáp", slug: str = "hoi-dap") -> QuestionIndexPage:
    return add_published(home, QuestionIndexPage(title=title, slug=slug))


def question(
    page: QuestionIndexPage, *, title: str, text: str, name: str = "Nguyễn Văn An", answer: str = "", status=None
):
    item = Question(page=page, name=name, email="nguoidan@example.vn", title=title, question=text, answer=answer)
    if status == Question.Status.PUBLISHED:
        item.status = status
        item.published_at = timezone.now()
    elif status:
        item.status = status
    item.save()
    return item


def consultation(
    home_or_index: Page, *, title: str, summary: str, closes_in: timedelta, slug: str = "", draft_file=None, **extra
) -> ConsultationPage:
    index = home_or_index
    if not isinstance(home_or_index.specific, ConsultationIndexPage):
        index = ConsultationIndexPage.objects.child_of(home_or_index).first() or add_published(
            home_or_index, ConsultationIndexPage(title="Lấy ý kiến dự thảo văn bản", slug="lay-y-kien")
        )
    now = timezone.now()
    page = ConsultationPage(
        title=title,
        slug=slug or slugify(fold(title))[:50],
        summary=summary,
        opens_at=min(now, now + closes_in) - timedelta(days=10),
        closes_at=now + closes_in,
        draft_file=draft_file,
        **extra,
    )
    return add_published(index, page)
