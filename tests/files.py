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


def xlsx_bytes() -> bytes:
    """A real workbook, written by openpyxl."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Bảng kê"
    workbook.save(buffer)
    return buffer.getvalue()


ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


def odt_bytes(mimetype: str = ODT_MIMETYPE, *, stored: bool = True, first: bool = True) -> bytes:
    """An OpenDocument text: ``mimetype`` first and stored (unless told otherwise), then content.xml."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        "<office:body><office:text><text:p>Đơn đề nghị</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        parts = [("content.xml", content), ("META-INF/manifest.xml", manifest)]
        mime = ("mimetype", mimetype)
        parts = [mime, *parts] if first else [*parts, mime]
        for name, text in parts:
            kind = zipfile.ZIP_STORED if (name == "mimetype" and stored) else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text, compress_type=kind)
    return buffer.getvalue()


def ooxml_bytes(main_type: str, part: str, *, extra: dict[str, bytes | str] | None = None, with_part=True) -> bytes:
    """An Office Open XML package whose [Content_Types].xml names ``part`` as ``main_type``."""
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
    )
    entries: dict[str, bytes | str] = {"[Content_Types].xml": types}
    if with_part:
        entries[part] = "<document/>"
    entries.update(extra or {})
    return zip_bytes(entries)


def zip_bomb_bytes(uncompressed: int = 60 * 1024 * 1024) -> bytes:
    """A valid .docx whose one extra part inflates ~1,000 times (zeros)."""
    buffer = io.BytesIO(docx_bytes())
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/blank.bin", "w", force_zip64=True) as part,
    ):
        chunk = b"\0" * (1024 * 1024)
        for _ in range(uncompressed // len(chunk)):
            part.write(chunk)
    return buffer.getvalue()


def ole2_bytes(streams: dict[str, bytes], storages: tuple[str, ...] = ()) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors, one FAT sector) with the given streams.

    The streams come first, in regular sectors (padded to 4096 bytes, the mini-stream cut-off), as
    Word writes its WordDocument stream; then the FAT sector and the directory sector.
    """
    import struct

    sector_size, end, free = 512, 0xFFFFFFFE, 0xFFFFFFFF
    streams = {name: data.ljust(max(4096, -(-len(data) // 512) * 512), b"\0") for name, data in streams.items()}
    fat, starts = [], {}
    for name, data in streams.items():
        count = len(data) // sector_size
        starts[name] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    fat_sector, dir_sector = len(fat), len(fat) + 1
    fat += [0xFFFFFFFD, end]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, start: int = end, size: int = 0) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        raw = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
        raw += struct.pack("<III", free, free, free) + b"\0" * 36 + struct.pack("<II", start, size) + b"\0" * 4
        return raw

    entries = [entry("Root Entry", 5)]
    entries += [entry(name, 2, starts[name], len(data)) for name, data in streams.items()]
    entries += [entry(name, 1) for name in storages]
    directory = b"".join(entries).ljust(sector_size, b"\0")
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, dir_sector, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", fat_sector, *([free] * 108))
    return header + b"".join(streams.values()) + struct.pack("<128I", *fat) + directory


def word97_bytes(*, macros: bool = False) -> bytes:
    """A Word 97–2003 binary: an OLE2 file with a WordDocument stream that starts with 0xA5EC."""
    fib = b"\xec\xa5\xc1\x00" + b"\0" * 4092
    return ole2_bytes({"WordDocument": fib, "1Table": b"\0" * 4096}, storages=("Macros",) if macros else ())
