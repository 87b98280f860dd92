"""Hostile uploads refused by structure (online_services/filecheck.py): a ZIP is not a .docx, a bomb is refused.

No database: these call the upload check directly, as the dossier form does.
"""

from __future__ import annotations

import pytest

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from online_services import filecheck
from online_services.uploads import DossierFileField, check_upload
from tests import files

DOCX_MAIN = filecheck.OOXML_MAIN_TYPES["docx"]
XLSX_MAIN = filecheck.OOXML_MAIN_TYPES["xlsx"]
ALL = ["pdf", "jpg", "png", "docx", "xlsx", "odt", "doc"]
MESSAGES = DossierFileField(extensions=ALL, max_size=50 * 1024 * 1024).error_messages


def upload(name: str, content: bytes):
    uploaded = SimpleUploadedFile(name, content)
    check_upload(uploaded, ALL, 50 * 1024 * 1024, MESSAGES)
    return uploaded


def refused(name: str, content: bytes) -> str:
    with pytest.raises(forms.ValidationError) as caught:
        upload(name, content)
    assert caught.value.code == "content"
    return str(caught.value.messages[0])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("don.docx", files.docx_bytes("Đơn đề nghị")),
        ("bang-ke.xlsx", files.xlsx_bytes()),
        ("to-khai.odt", files.odt_bytes()),
        ("mau-cu.doc", files.word97_bytes()),
        ("scan.pdf", files.pdf_bytes()),
    ],
)
def test_real_documents_pass(name, content):
    uploaded = upload(name, content)
    assert uploaded.safe_name == name
    assert uploaded.read(4) == content[:4]  # left at the start for storage


@pytest.mark.parametrize("ext", ["docx", "xlsx", "odt"])
def test_a_plain_zip_holding_an_exe_is_not_an_office_document(ext):
    message = refused(f"ho-so.{ext}", files.zip_bytes({"setup.exe": files.exe_bytes()}))
    assert f"không khớp với phần mở rộng .{ext}" in message


def test_a_workbook_is_not_a_word_document_and_back():
    refused("don.docx", files.xlsx_bytes())
    refused("bang-ke.xlsx", files.docx_bytes())
    refused("don.docx", files.ooxml_bytes(XLSX_MAIN, "xl/workbook.xml"))


def test_content_types_naming_a_missing_main_part_is_refused():
    refused("don.docx", files.ooxml_bytes(DOCX_MAIN, "word/document.xml", with_part=False))


def test_an_unparsable_or_missing_content_types_is_refused():
    refused("don.docx", files.zip_bytes({"[Content_Types].xml": "<Types", "word/document.xml": "<d/>"}))
    refused("don.docx", files.zip_bytes({"word/document.xml": "<d/>"}))


def test_macro_enabled_documents_are_refused():
    docm = "application/vnd.ms-word.document.macroEnabled.main+xml"
    refused("don.docx", files.ooxml_bytes(docm, "word/document.xml"))
    refused("don.docx", files.ooxml_bytes(DOCX_MAIN, "word/document.xml", extra={"word/vbaProject.bin": b"x"}))


def test_odf_needs_its_mimetype_first_stored_and_right():
    refused("to-khai.odt", files.odt_bytes(mimetype="application/vnd.oasis.opendocument.spreadsheet"))
    refused("to-khai.odt", files.odt_bytes(stored=False))
    refused("to-khai.odt", files.odt_bytes(first=False))


def test_a_zip_bomb_is_refused_by_its_ratio():
    bomb = files.zip_bomb_bytes(60 * 1024 * 1024)
    assert len(bomb) < 200 * 1024  # 60 MB of zeros in under 200 KB
    with pytest.raises(filecheck.StructureError, match="compression ratio"):
        filecheck.check_structure(SimpleUploadedFile("x.docx", bomb), "docx")
    refused("don.docx", bomb)


def test_a_zip_bomb_is_refused_by_its_total(monkeypatch):
    monkeypatch.setattr(filecheck, "MAX_UNCOMPRESSED", 1024 * 1024)
    with pytest.raises(filecheck.StructureError, match="uncompressed"):
        filecheck.check_structure(SimpleUploadedFile("x.docx", files.zip_bomb_bytes(2 * 1024 * 1024)), "docx")


def test_too_many_entries_are_refused(monkeypatch):
    monkeypatch.setattr(filecheck, "MAX_MEMBERS", 10)
    many = files.ooxml_bytes(DOCX_MAIN, "word/document.xml", extra={f"p{i}.xml": "<p/>" for i in range(20)})
    with pytest.raises(filecheck.StructureError, match="entries"):
        filecheck.check_structure(SimpleUploadedFile("x.docx", many), "docx")


def test_doc_must_be_a_word_binary():
    # Any other OLE2 file (an Excel 97 workbook, an installer) is not a .doc.
    refused("mau.doc", files.ole2_bytes({"Workbook": b"\x09\x08" + b"\0" * 4094}))
    # A WordDocument stream without the Word signature.
    refused("mau.doc", files.ole2_bytes({"WordDocument": b"\0" * 4096}))
    # The Word signature where a sniffer looks for it (offset 512), but no WordDocument stream.
    refused("mau.doc", files.ole2_bytes({"Payload": b"\xec\xa5\xc1\x00" + b"\0" * 4092}))
    # Word with a macro storage.
    refused("mau.doc", files.word97_bytes(macros=True))
    # The OLE2 header and the signature, followed by garbage.
    refused("mau.doc", files.word97_bytes()[:520] + b"\xff" * 5000)


def test_the_sniffer_alone_takes_every_one_of_these():
    """What the structure check adds: each of these passes the first-bytes check (filetype)."""
    import filetype

    assert filetype.guess(files.zip_bytes({"setup.exe": files.exe_bytes()})).extension == "zip"
    assert filetype.guess(files.zip_bomb_bytes(8 * 1024 * 1024)).extension in {"docx", "zip"}
    assert filetype.guess(files.word97_bytes(macros=True)).extension == "doc"
    assert filetype.guess(files.ole2_bytes({"Payload": b"\xec\xa5\xc1\x00" + b"\0" * 4092})).extension == "doc"
