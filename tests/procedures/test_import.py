"""import_procedures / export_procedures: the rules of shared/data/procedure-format.md, on real files and a real DB."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from procedures.exporting import export_procedures
from procedures.importing import ImportFileError, run_import
from procedures.models import DossierComponent, ProcedureField, ProcedureIndexPage, ProcedurePage

from .catalogue_fixtures import catalogue_snapshot, sample_records, write_json

Document = get_document_model()


def _vi_pages():
    return ProcedurePage.objects.filter(locale__language_code="vi")


def test_sample_creates_six_procedures_under_their_agencies(sample_network, sample_dir):
    report = run_import(sample_dir / "procedures-sample.json")

    assert report.ok and report.written
    assert sorted(report.created) == sorted(r["code"] for r in sample_records())
    for record in sample_records():
        page = _vi_pages().select_related("agency", "field").get(code=record["code"])
        agency = sample_network[record["agency"]]
        assert page.agency == agency
        assert page.live and page.title == record["name"] and page.field.name == record["field"]
        index = page.get_parent().specific
        assert isinstance(index, ProcedureIndexPage)
        assert index.slug == "thu-tuc-hanh-chinh" and index.get_parent().pk == agency.home_page_id
        # Its English translation exists, under the English catalogue, carrying name_en.
        en_page = page.get_translation(Locale.objects.get(language_code="en"))
        assert en_page.title == record["name_en"] and en_page.live
        assert en_page.get_parent().specific.title == "Administrative procedures"
        # Forms became documents of the agency's collection, downloadable with the same bytes.
        for component, item in zip(page.dossier_components.all(), record["dossier"], strict=True):
            assert (component.name, component.copies) == (item["name"], item.get("copies", 1))
            if item.get("form"):
                assert component.form.collection_id == agency.collection_id
                source = (sample_dir / item["form"]).read_bytes()
                assert component.form.file_hash == hashlib.sha1(source).hexdigest()  # noqa: S324
                from procedures.views import form_download_url

                response = Client().get(form_download_url(component.form))
                assert response.status_code == 200
                assert b"".join(response.streaming_content) == source
            else:
                assert component.form is None


def test_second_import_changes_nothing(sample_network, sample_dir):
    path = sample_dir / "procedures-sample.json"
    run_import(path)
    before = catalogue_snapshot()

    report = run_import(path)

    assert report.created == [] and report.updated == []
    assert sorted(report.unchanged) == sorted(r["code"] for r in sample_records())
    assert catalogue_snapshot() == before


def test_changed_record_publishes_one_new_revision(sample_network, sample_dir):
    path = sample_dir / "procedures-sample.json"
    run_import(path)
    records = sample_records()
    records[0]["fees"] = "150.000 đồng/lần cấp"
    records[0]["dossier"].append({"name": "Ảnh màu 3 x 4 cm", "copies": 2})
    before = catalogue_snapshot()

    report = run_import(write_json(sample_dir, records))

    assert report.updated == [records[0]["code"]]
    assert len(report.unchanged) == 5
    page = _vi_pages().get(code=records[0]["code"])
    assert page.fees == "150.000 đồng/lần cấp"
    assert [c.name for c in page.dossier_components.all()][-1] == "Ảnh màu 3 x 4 cm"
    assert page.latest_revision_id != before["pages"][(page.code, "vi")]["latest_revision_id"]
    # The English translation follows the structured fields.
    en_page = page.get_translation(Locale.objects.get(language_code="en")).specific
    assert en_page.fees == "150.000 đồng/lần cấp" and en_page.dossier_components.count() == 5
    # The others are untouched.
    other = records[1]["code"]
    assert catalogue_snapshot()["pages"][(other, "vi")] == before["pages"][(other, "vi")]


def test_import_never_deletes(sample_network, sample_dir):
    run_import(sample_dir / "procedures-sample.json")
    report = run_import(write_json(sample_dir, sample_records()[:2]))
    assert len(report.unchanged) == 2
    assert _vi_pages().count() == 6


def test_same_file_stored_once_per_agency(sample_network, sample_dir):
    records = sample_records()[:1]
    second = json.loads(json.dumps(records[0]))
    second["code"] = "HT-GTVT-002"
    second["name"] = "Cấp lại giấy phép lái xe"
    # The same bytes under another name: still one document.
    shutil.copy(sample_dir / "forms/don-de-nghi-doi-gplx.docx", sample_dir / "forms/ban-sao.docx")
    second["dossier"][0]["form"] = "forms/ban-sao.docx"
    report = run_import(write_json(sample_dir, [records[0], second]))

    assert report.ok and len(report.created) == 2
    assert Document.objects.count() == 1
    form_ids = set(DossierComponent.objects.exclude(form=None).values_list("form_id", flat=True))
    assert len(form_ids) == 1
    assert report.documents_created == 1
    run_import(write_json(sample_dir, [records[0], second]))
    assert Document.objects.count() == 1


def test_dry_run_writes_nothing_and_reports(sample_network, sample_dir):
    before = catalogue_snapshot()
    report = run_import(sample_dir / "procedures-sample.json", dry_run=True)
    assert len(report.created) == 6 and not report.written
    assert catalogue_snapshot() == before
    assert Document.objects.count() == 0

    run_import(sample_dir / "procedures-sample.json")
    records = sample_records()
    records[2]["result"] = "Quyết định hưởng trợ cấp thất nghiệp (bản chính)"
    records.append({**records[0], "code": "HT-GTVT-009", "name": "Cấp mới giấy phép lái xe"})
    before = catalogue_snapshot()
    report = run_import(write_json(sample_dir, records), dry_run=True)
    assert report.created == ["HT-GTVT-009"]
    assert report.updated == [records[2]["code"]]
    assert len(report.unchanged) == 5
    assert catalogue_snapshot() == before


BAD_RECORDS = [
    ("agency", lambda r: r.update(agency="so-khong-ton-tai"), "không có cơ quan nào"),
    ("level", lambda r: r.update(level=7), "từ 1 đến 4"),
    ("name", lambda r: r.pop("name"), "thiếu giá trị bắt buộc"),
    ("dossier[1].form", lambda r: r["dossier"][0].update(form="forms/khong-co.docx"), "không tìm thấy tệp"),
    ("dossier[1].form", lambda r: r["dossier"][0].update(form="../procedures-sample.json"), "thư mục của tệp nhập"),
    ("methods", lambda r: r.update(methods=["fax"]), "không phải là cách thức"),
    ("steps", lambda r: r.update(steps=[]), "thiếu giá trị bắt buộc"),
    ("code", lambda r: r.update(code="HT GTVT 001"), "chỉ được gồm"),
    ("colour", lambda r: r.update(colour="đỏ"), "không có trong định dạng"),
]


@pytest.mark.parametrize(("key", "break_it", "reason"), BAD_RECORDS, ids=[b[0] + "-" + b[2][:12] for b in BAD_RECORDS])
def test_bad_record_is_named_and_nothing_is_written(sample_network, sample_dir, key, break_it, reason):
    records = sample_records()
    break_it(records[3])
    before = catalogue_snapshot()

    report = run_import(write_json(sample_dir, records))

    assert not report.written
    assert len(report.errors) == 1
    message = str(report.errors[0])
    assert message.startswith("bản ghi số 4")
    assert f"khóa “{key}”" in message
    assert reason in message
    assert catalogue_snapshot() == before
    assert Document.objects.count() == 0


def test_valid_only_imports_the_others(sample_network, sample_dir):
    records = sample_records()
    records[1]["level"] = 9
    report = run_import(write_json(sample_dir, records), valid_only=True)
    assert report.written and len(report.created) == 5 and len(report.errors) == 1
    assert not _vi_pages().filter(code=records[1]["code"]).exists()


def test_duplicate_code_in_file(sample_network, sample_dir):
    records = sample_records()
    records.append(dict(records[0]))
    report = run_import(write_json(sample_dir, records))
    assert [e.key for e in report.errors] == ["code"]
    assert "trùng với bản ghi số 1" in str(report.errors[0])
    assert _vi_pages().count() == 0


def test_invalid_json_is_reported_with_line(sample_network, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n {"code": "X-1",\n  "name": "Thiếu dấu đóng"\n', encoding="utf-8")
    with pytest.raises(ImportFileError, match="JSON không hợp lệ ở dòng"):
        run_import(path)
    with pytest.raises(CommandError, match="JSON không hợp lệ"):
        call_command("import_procedures", str(path), "--no-progress")
    assert _vi_pages().count() == 0


def test_csv_not_utf8_is_refused(sample_network, tmp_path):
    path = tmp_path / "windows-1258.csv"
    path.write_bytes(b"code,name\nX-1,\xd0\xe3ng k\xfd khai sinh\n")  # “Đăng ký khai sinh” in Windows-1258
    with pytest.raises(ImportFileError, match="không được mã hóa UTF-8"):
        run_import(path)


def test_errors_are_translated(sample_network, sample_dir, tmp_path):
    records = sample_records()
    records[0]["level"] = 7
    with translation.override("en"):
        report = run_import(write_json(sample_dir, records))
        message = str(report.errors[0])
        assert message.startswith("record 1 (HT-GTVT-001), key “level”:")
        assert "must be a whole number from 1 to 4" in message
        path = tmp_path / "bad.csv"
        path.write_bytes("code\nX\n".encode("utf-16"))
        with pytest.raises(ImportFileError, match="not UTF-8"):
            run_import(path)


def test_command_reports_and_fails_on_errors(sample_network, sample_dir):
    records = sample_records()
    records[5]["agency"] = "so-khong-ton-tai"
    path = write_json(sample_dir, records)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)
    assert "bản ghi số 6 (HT-TP-001), khóa “agency”" in err.getvalue()
    assert _vi_pages().count() == 0

    out = io.StringIO()
    call_command("import_procedures", str(path), "--dry-run", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "sẽ tạo mới 5" in out.getvalue()
    call_command("import_procedures", str(path), "--valid-only", "--no-progress", stdout=out, stderr=io.StringIO())
    assert _vi_pages().count() == 5


def test_progress_bar_on_large_files(sample_network, sample_dir, capsys):
    template = sample_records()[0]
    records = [{**template, "code": f"HT-GTVT-{n:03d}", "name": f"Thủ tục số {n}"} for n in range(100, 160)]
    call_command("import_procedures", str(write_json(sample_dir, records)), "--dry-run")
    assert "Kiểm tra" in capsys.readouterr().err  # tqdm writes its bar to stderr


def test_jsonl_bad_line_names_the_line(sample_network, sample_dir):
    lines = [json.dumps(r, ensure_ascii=False) for r in sample_records()]
    lines[2] = lines[2][:-1]
    path = sample_dir / "procedures.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = run_import(path)
    assert [e.position for e in report.errors] == ["dòng 3"]
    assert not report.written


# --- export → import into an empty install --------------------------------------------------


def _empty_the_catalogue():
    """What a fresh install has: no procedures, no catalogue pages, no fields, no documents."""
    for page in Page.objects.type(ProcedureIndexPage).filter(depth=3).order_by("-locale_id"):
        page.delete()
    ProcedureField.objects.all().delete()
    Document.objects.all().delete()
    assert not ProcedurePage.objects.exists()


def _canonical(records: list[dict]) -> list[dict]:
    """Records with each form replaced by its bytes' hash (file names may differ)."""
    result = []
    for record in sorted(records, key=lambda r: r["code"]):
        # An empty optional value and an absent key mean the same.
        record = {k: v for k, v in json.loads(json.dumps(record)).items() if v not in ("", [], None)}
        for item in record["dossier"]:
            item.setdefault("copies", 1)
            if item.get("form"):
                item["form"] = hashlib.sha1(Path(item["form"]).read_bytes()).hexdigest()  # noqa: S324
        result.append(record)
    return result


def _absolute_forms(records, folder: Path):
    for record in records:
        for item in record["dossier"]:
            if item.get("form"):
                item["form"] = str(folder / item["form"])
    return records


def test_export_then_import_into_empty_install_reproduces_every_field(sample_network, sample_dir, tmp_path):
    run_import(sample_dir / "procedures-sample.json")
    original = _canonical(_absolute_forms(sample_records(), sample_dir))
    exports = {}
    for suffix in (".json", ".jsonl", ".csv", ".xlsx"):
        export_file = tmp_path / suffix[1:] / f"catalogue{suffix}"
        call_command("export_procedures", str(export_file), stdout=io.StringIO())
        assert (export_file.parent / "forms").is_dir()
        exports[suffix] = export_file

    for suffix, export_file in exports.items():
        _empty_the_catalogue()
        report = run_import(export_file)
        assert report.ok and len(report.created) == 6, (suffix, [str(e) for e in report.errors])

        again = tmp_path / f"again-{suffix[1:]}" / "catalogue.json"
        export_procedures(again)
        reproduced = _canonical(_absolute_forms(json.loads(again.read_text(encoding="utf-8")), again.parent))
        assert [r["code"] for r in reproduced] == [r["code"] for r in original]
        for before, after in zip(original, reproduced, strict=True):
            for key in sorted(set(before) | set(after)):
                assert after.get(key) == before.get(key), f"{suffix} {before['code']}: {key}"
        # The English translations came back too.
        assert ProcedurePage.objects.filter(locale__language_code="en").count() == 6


def test_csv_and_xlsx_cells(sample_network, sample_dir):
    """The spreadsheet layout: one list item a line, dossier lines as ``name | copies | form``."""
    record = sample_records()[0]
    row = {
        **record,
        "methods": "in_person\nonline",
        "subjects": "\n".join(record["subjects"]),
        "steps": "\n".join(record["steps"]),
        "legal_basis": "\n".join(record["legal_basis"]),
        "dossier": "Đơn đề nghị | 1 | forms/don-de-nghi-doi-gplx.docx\nẢnh 3 x 4 | 2\nBản sao căn cước công dân",
        "level": "3",
    }
    keys = list(row)
    csv_path = sample_dir / "one.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=keys)
        writer.writeheader()
        writer.writerow(row)
    report = run_import(csv_path)
    assert report.ok, [str(e) for e in report.errors]
    page = _vi_pages().get(code=record["code"])
    assert (page.in_person, page.postal, page.online) == (True, False, True)
    assert [(c.name, c.copies, bool(c.form)) for c in page.dossier_components.all()] == [
        ("Đơn đề nghị", 1, True),
        ("Ảnh 3 x 4", 2, False),
        ("Bản sao căn cước công dân", 1, False),
    ]

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(keys)
    sheet.append([3 if k == "level" else row[k] for k in keys])
    xlsx_path = sample_dir / "one.xlsx"
    workbook.save(xlsx_path)
    assert run_import(xlsx_path).unchanged == [record["code"]]


def test_broken_xlsx_is_refused(sample_network, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a spreadsheet")
    with pytest.raises(ImportFileError, match="XLSX"):
        run_import(path)
