"""Sample files for tests: the smallest valid PDF, JPEG, PNG, DOCX and ZIP, and hostile files.

One place for the bytes that uploads, imports and document libraries are tested with,
so that every test sends the same files (and a change of what "valid" means is made once).
"""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from core.office import word_document

#: A one-object PDF that PDF readers and type sniffers (``filetype``) accept.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

#: The start of a Windows executable (MZ header and PE signature): what an upload must refuse.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def pdf_bytes() -> bytes:
    return PDF


def image_bytes(size=(8, 8), color=(200, 30, 30), format: str = "JPEG", **options) -> bytes:  # noqa: A002
    buffer = io.BytesIO()
    Image.new("RGB", tuple(size), color).save(buffer, format, **options)
    return buffer.getvalue()


def jpeg_bytes(size=(8, 8), color=(200, 30, 30), **options) -> bytes:
    return image_bytes(size, color, "JPEG", **options)


def png_bytes(color=(30, 90, 160), size=(16, 16)) -> bytes:
    return image_bytes(size, color, "PNG")


def exe_bytes() -> bytes:
    return EXE


def zip_bytes(entries: dict[str, bytes | str]) -> bytes:
    """A ZIP archive of ``{name: content}``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(*paragraphs: str) -> bytes:
    """A minimal Word document with the given paragraphs (a ZIP that word processors open)."""
    return word_document(list(paragraphs or ("Mẫu đơn",)))
