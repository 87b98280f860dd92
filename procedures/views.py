"""Public views of the catalogue that are not pages: downloading a form template."""

from __future__ import annotations

import re

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify

from wagtail.documents import get_document_model

from core.text import fold

from .models import DossierComponent

_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_THEO_MAU = re.compile(r"\s*\((theo mẫu|mẫu)\)\s*$", re.IGNORECASE)


def _stem(document) -> str:
    title = _THEO_MAU.sub("", document.title or "").strip()
    extension = document.file_extension
    if extension and title.lower().endswith(f".{extension.lower()}"):
        title = title[: -len(extension) - 1]
    return title or "mau-don"


def vietnamese_filename(document) -> str:
    """The name the citizen's browser saves the file under: the form's Vietnamese title."""
    stem = _UNSAFE_IN_FILENAME.sub("-", _stem(document))
    stem = re.sub(r"\s+", " ", stem).strip(" .-")[:150].rstrip(" .-") or "mau-don"
    extension = document.file_extension
    return f"{stem}.{extension}" if extension else stem


def ascii_filename(document) -> str:
    """The URL's last segment: the same name folded to ASCII."""
    stem = slugify(fold(_stem(document)))[:100].strip("-") or "mau-don"
    extension = (document.file_extension or "").lower()
    return f"{stem}.{extension}" if extension else stem


def form_download_url(document) -> str:
    return reverse("procedure_form_download", args=[document.pk, ascii_filename(document)])


def download_form(request, document_id: int, filename: str):
    """Serve a form template with its Vietnamese name in Content-Disposition.

    Wagtail's own document view names the download after the stored file
    (``don-de-nghi-doi-gplx.docx``); citizens should get
    ``Đơn đề nghị đổi giấy phép lái xe.docx``. Only documents that are the form
    of a live procedure are served here; anything private goes through
    Wagtail's view, which enforces collection privacy.
    """
    document = get_object_or_404(get_document_model().objects.select_related("collection"), pk=document_id)
    if not DossierComponent.objects.filter(form_id=document.pk, page__live=True).exists():
        raise Http404("Không phải mẫu đơn của thủ tục đang công khai.")
    if document.collection.get_view_restrictions().exists():
        return redirect(document.url)
    if filename != ascii_filename(document):
        return redirect(form_download_url(document), permanent=True)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp mẫu đơn không còn trên máy chủ.") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=vietnamese_filename(document), content_type=document.content_type
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
