"""Sample files for tests: the smallest valid PDF, JPEG, PNG, DOCX and ZIP, and hostile files.

One place for the bytes that uploads, imports and document libraries are tested with,
so that every test sends the same files (and a change of what "valid" means is made once).
"""

from __future__ import annotations

import io
import zipfile

from PIL import Image

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


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_bytes(*paragraphs: str) -> bytes:
    """A minimal Word document with the given paragraphs (a ZIP that word processors open)."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs or ("Mẫu đơn",))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    return zip_bytes({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": document})
