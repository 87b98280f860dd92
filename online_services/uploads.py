"""Checking uploaded dossier files: name, extension, size and content (magic bytes).

Django's multipart parser silently drops directory parts from an upload's
name (``../../x.pdf`` arrives as ``x.pdf``). A browser never sends such a
name, so a post that carries one is forged: ``UploadNameGuardMiddleware``
records the names Django had to cut, and the upload field refuses those files
instead of accepting them under a quietly changed name.
"""

from __future__ import annotations

import html
import logging
import unicodedata

import filetype

from django import forms
from django.http.multipartparser import MultiPartParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .filecheck import StructureError, check_structure

logger = logging.getLogger("portal.uploads")

# The content kinds (as ``filetype`` names them) each extension may hold.
CONTENT_KINDS = {
    "pdf": {"pdf"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "odt": {"odt", "zip"},
    "doc": {"doc"},
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
}
HEADER_BYTES = 8192
MAX_NAME_LENGTH = 150


def sanitize_filename(name: str) -> str:
    """A display name safe to store and to send back: no path parts, no control characters.

    Vietnamese letters are kept (NFC-normalised); characters that are
    dangerous in a Content-Disposition header or a file system are replaced.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = []
    for ch in name:
        category = unicodedata.category(ch)
        if category.startswith("C") or ch in '<>:"|?*;':
            continue
        cleaned.append(" " if category.startswith("Z") else ch)
    name = " ".join("".join(cleaned).split()).strip(" .")
    while ".." in name:
        name = name.replace("..", ".")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME_LENGTH - len(ext) - 1] + dot + ext) if dot else name[:MAX_NAME_LENGTH]
    return name


def is_unsafe_raw_name(raw: str) -> bool:
    """A name with directory parts or control characters (also when HTML-escaped, as Django unescapes)."""
    raw = html.unescape(raw)
    return "/" in raw or "\\" in raw or any(unicodedata.category(ch) == "Cc" for ch in raw)


class _RecordingParser(MultiPartParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unsafe_names: dict[str, str] = {}

    def sanitize_file_name(self, file_name):
        safe = super().sanitize_file_name(file_name)
        if safe and is_unsafe_raw_name(file_name):
            self.unsafe_names[safe] = file_name
        return safe

    def parse(self):
        post, files = super().parse()
        for _field, uploads in files.lists():
            for uploaded in uploads:
                if uploaded.name in self.unsafe_names:
                    uploaded.unsafe_original_name = self.unsafe_names[uploaded.name]
        return post, files


class UploadNameGuardMiddleware:
    """Parse multipart posts with a parser that remembers the names it had to cut."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":

            def parse_file_upload(META, post_data):
                from django.utils.datastructures import ImmutableList

                request.upload_handlers = ImmutableList(
                    request.upload_handlers,
                    warning="You cannot alter upload handlers after the upload has been processed.",
                )
                parser = _RecordingParser(META, post_data, request.upload_handlers, request.encoding)
                return parser.parse()

            request.parse_file_upload = parse_file_upload
        return self.get_response(request)


class DossierFileField(forms.FileField):
    """A dossier attachment: one file, of the allowed types by content, within the size limit."""

    default_error_messages = {
        "required": _("Vui lòng đính kèm tệp này."),
        "invalid": _("Không đọc được tệp đính kèm."),
        "missing": _("Không nhận được tệp đính kèm."),
        "empty": _("Tệp “%(name)s” rỗng."),
        "max_length": _("Tên tệp quá dài."),
        "unsafe_name": _("Tên tệp “%(name)s” không hợp lệ: không được chứa đường dẫn thư mục hay ký tự điều khiển."),
        "extension": _("Tệp “%(name)s” không đúng định dạng. Chỉ chấp nhận: %(allowed)s."),
        "content": _("Nội dung tệp “%(name)s” không khớp với phần mở rộng .%(ext)s."),
        "too_big": _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(max)s)."),
    }

    def __init__(self, *, extensions: list[str], max_size: int, **kwargs):
        self.extensions = extensions
        self.max_size = max_size
        kwargs.setdefault("allow_empty_file", False)
        kwargs.setdefault("widget", forms.ClearableFileInput)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(f".{ext}" for ext in extensions)

    def to_python(self, data):
        if data in self.empty_values:
            return None
        name = getattr(data, "name", None)
        size = getattr(data, "size", None)
        if not name or size is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not size:
            raise forms.ValidationError(self.error_messages["empty"], code="empty", params={"name": name})
        return data

    def validate(self, value):
        super().validate(value)
        if value:
            check_upload(value, self.extensions, self.max_size, self.error_messages)

    def bound_data(self, data, initial):
        return data


def check_upload(uploaded, extensions: list[str], max_size: int, messages: dict) -> None:
    """Refuse a file by name, extension, size or content; on success set ``safe_name`` and ``detected_type``."""
    raw = getattr(uploaded, "unsafe_original_name", None)
    if raw is not None or is_unsafe_raw_name(uploaded.name):
        shown = sanitize_filename(raw or uploaded.name) or "?"
        raise forms.ValidationError(messages["unsafe_name"], code="unsafe_name", params={"name": shown})
    safe = sanitize_filename(uploaded.name)
    ext = safe.rsplit(".", 1)[-1].lower() if "." in safe else ""
    allowed = ", ".join(f".{e}" for e in extensions)
    if not safe or ext not in extensions or ext not in CONTENT_KINDS:
        raise forms.ValidationError(
            messages["extension"], code="extension", params={"name": safe or "?", "allowed": allowed}
        )
    if uploaded.size > max_size:
        raise forms.ValidationError(
            messages["too_big"], code="too_big", params={"name": safe, "max": filesizeformat(max_size)}
        )
    uploaded.seek(0)
    head = uploaded.read(HEADER_BYTES)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in CONTENT_KINDS[ext]:
        raise forms.ValidationError(messages["content"], code="content", params={"name": safe, "ext": ext})
    try:  # the inside too: OOXML parts, the ODF mimetype, ZIP-bomb limits, a Word binary (filecheck.py)
        check_structure(uploaded, ext)
    except StructureError as exc:
        logger.info("upload %r refused as .%s: %s", safe, ext, exc)
        raise forms.ValidationError(messages["content"], code="content", params={"name": safe, "ext": ext}) from exc
    uploaded.safe_name = safe
    uploaded.detected_type = CONTENT_TYPES[ext]
