"""Dossier files checked by structure, not only by their first bytes.

A ``.docx``, ``.xlsx`` or ``.odt`` is a ZIP archive, and a type sniffer that
reads the first bytes says "zip" for any of them — and for a ZIP that holds an
``.exe``. So the archive is opened (never extracted) and:

* **ZIP bombs** are refused from the central directory before anything is
  inflated: at most ``MAX_MEMBERS`` entries, ``MAX_UNCOMPRESSED`` bytes in all,
  and no more than ``MAX_RATIO`` times the archive's size (office documents
  compress 5–20×; a bomb compresses 1,000× and more). The parts read below
  are read through a capped stream, so a central directory that lies about
  sizes cannot make us inflate more than ``MAX_PART`` bytes either.
* **OOXML** (``.docx``, ``.xlsx``): ``[Content_Types].xml`` must exist and
  name the main part of the claimed type (WordprocessingML document,
  SpreadsheetML workbook), and that part must be in the archive.
  Macro-enabled documents (``.docm``/``.xlsm`` types, ``vbaProject.bin``)
  are refused.
* **ODF** (``.odt``): the first entry is ``mimetype``, stored uncompressed,
  holding exactly the text document type, and ``content.xml`` exists.
* **.doc** is kept (many agencies' own form templates are still Word 97
  files, and citizens fill them in) but checked as a Word binary: an OLE2
  compound file whose directory, followed through its allocation table, has a
  ``WordDocument`` stream starting with the Word file signature (0xA5EC), and
  no ``Macros`` storage. Any other OLE2 file (an .msi, an .xls, a macro
  carrier) is refused.
"""

from __future__ import annotations

import struct
import zipfile
from xml.etree import ElementTree

MAX_MEMBERS = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_PART = 8 * 1024 * 1024

OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ODF_MIMETYPES = {"odt": "application/vnd.oasis.opendocument.text"}
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


class StructureError(ValueError):
    """The file is not what its extension claims (or is a ZIP bomb); the message is for the log."""


def check_structure(fileobj, ext: str) -> None:
    """Raise StructureError unless the file's inside matches ``ext``; leaves the file at position 0."""
    try:
        if ext in OOXML_MAIN_TYPES or ext in ODF_MIMETYPES:
            _check_zip_document(fileobj, ext)
        elif ext == "doc":
            _check_word_binary(fileobj)
    finally:
        fileobj.seek(0)


def _size(fileobj) -> int:
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as part:
        data = part.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise StructureError(f"part {name} is larger than {MAX_PART} bytes")
    return data


def _check_zip_document(fileobj, ext: str) -> None:
    size = _size(fileobj)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise StructureError(f"not a readable ZIP archive: {exc}") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise StructureError(f"{len(members)} entries (at most {MAX_MEMBERS})")
        total = sum(info.file_size for info in members)
        if total > MAX_UNCOMPRESSED:
            raise StructureError(f"{total} bytes uncompressed (at most {MAX_UNCOMPRESSED})")
        if total > MAX_RATIO * max(size, 1):
            raise StructureError(f"compression ratio {total / max(size, 1):.0f} (at most {MAX_RATIO})")
        names = {info.filename for info in members}
        try:
            if ext in OOXML_MAIN_TYPES:
                _check_ooxml(archive, names, ext)
            else:
                _check_odf(archive, members, names, ext)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            # a CRC error, an encrypted part, a method zipfile cannot read, a lying size
            raise StructureError(f"unreadable part: {exc}") from exc


def _check_ooxml(archive: zipfile.ZipFile, names: set[str], ext: str) -> None:
    if "[Content_Types].xml" not in names:
        raise StructureError("no [Content_Types].xml: not an Office Open XML package")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise StructureError("macro project (vbaProject.bin)")
    try:
        root = ElementTree.fromstring(_read_part(archive, "[Content_Types].xml"))  # noqa: S314 (no DTDs in OOXML; expat caps entity expansion)
    except ElementTree.ParseError as exc:
        raise StructureError(f"[Content_Types].xml does not parse: {exc}") from exc
    wanted = OOXML_MAIN_TYPES[ext]
    mains = [
        override.get("PartName", "")
        for override in root.iter(f"{CT_NS}Override")
        if override.get("ContentType", "").strip().lower() == wanted
    ]
    if not mains:
        raise StructureError(f"no part of type {wanted}: not a .{ext}")
    if not any(part.lstrip("/") in names for part in mains):
        raise StructureError(f"the main part {mains[0]} is missing")


def _check_odf(archive: zipfile.ZipFile, members: list, names: set[str], ext: str) -> None:
    first = members[0] if members else None
    if first is None or first.filename != "mimetype":
        raise StructureError("the first entry is not 'mimetype': not an OpenDocument file")
    if first.compress_type != zipfile.ZIP_STORED:
        raise StructureError("the 'mimetype' entry is compressed")
    mimetype = _read_part(archive, "mimetype").decode("ascii", "replace").strip()
    if mimetype != ODF_MIMETYPES[ext]:
        raise StructureError(f"mimetype is {mimetype[:80]!r}, not {ODF_MIMETYPES[ext]}")
    if "content.xml" not in names:
        raise StructureError("no content.xml")


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
MAX_SECTORS = 1 << 20
WORD_FIB_MAGIC = 0xA5EC


def _check_word_binary(fileobj) -> None:
    data = fileobj.read(64 * 1024 * 1024 + 1)
    if not data.startswith(OLE2_MAGIC) or len(data) < 512:
        raise StructureError("not an OLE2 compound file")
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    if sector_size not in (512, 4096):
        raise StructureError(f"sector size {sector_size}")
    num_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    first_difat, num_difat = struct.unpack_from("<II", data, 0x44)

    def sector(sid: int) -> bytes:
        start = (sid + 1) * sector_size
        if sid >= MAX_SECTORS or start + sector_size > len(data):
            raise StructureError(f"sector {sid} is outside the file")
        return data[start : start + sector_size]

    fat_sectors = [sid for sid in struct.unpack_from("<109I", data, 0x4C) if sid < END_OF_CHAIN]
    sid, seen = first_difat, 0
    while sid < END_OF_CHAIN and seen < num_difat and seen < 4096:
        entries = struct.unpack(f"<{sector_size // 4}I", sector(sid))
        fat_sectors += [s for s in entries[:-1] if s < END_OF_CHAIN]
        sid, seen = entries[-1], seen + 1
    fat_sectors = fat_sectors[:num_fat]
    fat: list[int] = []
    for sid in fat_sectors:
        fat += struct.unpack(f"<{sector_size // 4}I", sector(sid))

    def chain(start: int):
        sid, steps = start, 0
        while sid < END_OF_CHAIN:
            if sid >= len(fat) or steps > len(fat):
                raise StructureError("broken sector chain")
            yield sid
            sid, steps = fat[sid], steps + 1

    entries = {}
    for sid in chain(first_dir):
        block = sector(sid)
        for offset in range(0, sector_size, 128):
            name_length = struct.unpack_from("<H", block, offset + 64)[0]
            kind = block[offset + 66]
            if not 2 <= name_length <= 64 or kind not in (1, 2, 5):
                continue
            name = block[offset : offset + name_length - 2].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<II", block, offset + 116)
            entries[name] = (kind, start, size)
    if "Macros" in entries or "_VBA_PROJECT_CUR" in entries:
        raise StructureError("macro storage in a .doc")
    word = entries.get("WordDocument")
    if word is None or word[0] != 2:
        raise StructureError(f"no WordDocument stream (streams: {', '.join(sorted(entries))[:200]})")
    _kind, start, size = word
    if size < 4096:
        raise StructureError("WordDocument stream too short for a Word file")
    if struct.unpack_from("<H", sector(start), 0)[0] != WORD_FIB_MAGIC:
        raise StructureError("WordDocument stream without the Word signature")
