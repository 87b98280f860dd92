"""Reading an interchange file (JSON, JSON Lines, CSV, XLSX) into raw records.

Readers only parse: every value is checked later, record by record, by
``validation``. A file that cannot be read at all raises ``ImportFileError``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

LIST_KEYS = ("methods", "subjects", "steps", "legal_basis")
FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing is imported."""


@dataclass
class RawRecord:
    position: str  # “bản ghi số 3”, “dòng 4”: where the record is in the file
    data: Any
    parse_error: str = ""  # a JSON Lines line that is not JSON


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ImportFileError(
            _("Định dạng tệp “%(suffix)s” không được hỗ trợ; hãy dùng .json, .jsonl, .csv hoặc .xlsx.")
            % {"suffix": path.suffix or path.name}
        )
    return fmt


def read_records(path: Path) -> list[RawRecord]:
    path = Path(path)
    fmt = file_format(path)
    if not path.is_file():
        raise ImportFileError(_("Không tìm thấy tệp “%(path)s”.") % {"path": path})
    if fmt == "xlsx":
        return _read_xlsx(path)
    text = _decode(path.read_bytes(), fmt)
    if fmt == "csv":
        return _read_csv(text)
    if fmt == "json" and text.lstrip().startswith("{"):
        fmt = "jsonl"  # one object a line, saved with a .json name
    return _read_jsonl(text) if fmt == "jsonl" else _read_json(text)


def _decode(data: bytes, fmt: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if fmt == "csv":
            message = _(
                "Tệp CSV không được mã hóa UTF-8 (byte không hợp lệ ở dòng %(line)s). "
                "Hãy lưu lại tệp với mã hóa “CSV UTF-8”."
            )
        else:
            message = _("Tệp không được mã hóa UTF-8 (byte không hợp lệ ở dòng %(line)s).")
        raise ImportFileError(message % {"line": line}) from exc


def _json_error(exc: json.JSONDecodeError) -> str:
    return _("JSON không hợp lệ ở dòng %(line)s, cột %(column)s: %(reason)s") % {
        "line": exc.lineno,
        "column": exc.colno,
        "reason": exc.msg,
    }


def _read_json(text: str) -> list[RawRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(_json_error(exc)) from exc
    if not isinstance(data, list):
        raise ImportFileError(_("Tệp JSON phải chứa một mảng các bản ghi thủ tục."))
    return [RawRecord(_("bản ghi số %(n)s") % {"n": n}, item) for n, item in enumerate(data, start=1)]


def _read_jsonl(text: str) -> list[RawRecord]:
    records = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        position = _("dòng %(n)s") % {"n": n}
        try:
            records.append(RawRecord(position, json.loads(line)))
        except json.JSONDecodeError as exc:
            records.append(RawRecord(position, None, parse_error=_json_error(exc)))
    return records


def split_lines(value: str) -> list[str]:
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def parse_dossier_cell(value: str) -> list[dict]:
    """``name | copies | form`` one component a line; copies and form are optional."""
    components = []
    for line in split_lines(value):
        parts = [part.strip() for part in line.split("|")]
        component: dict = {}
        if len(parts) >= 3 and parts[-2].isdigit():
            component = {"name": " | ".join(parts[:-2]), "copies": int(parts[-2])}
            if parts[-1]:
                component["form"] = parts[-1]
        elif len(parts) >= 2 and parts[-1].isdigit():
            component = {"name": " | ".join(parts[:-1]), "copies": int(parts[-1])}
        else:
            component = {"name": line}
        components.append(component)
    return components


def _from_cells(row: dict) -> dict:
    """A spreadsheet row as an interchange record: empty cells are absent keys."""
    record = {}
    for key, value in row.items():
        if key is None:
            continue
        key = str(key).strip()
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key in LIST_KEYS:
            record[key] = split_lines(value)
        elif key == "dossier":
            record[key] = parse_dossier_cell(value)
        elif key == "level":
            record[key] = _number(value)
        else:
            record[key] = value.strip() if isinstance(value, str) else value
    return record


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


def _check_header(header: list) -> None:
    if "code" not in [str(h).strip() for h in header if h is not None]:
        raise ImportFileError(_("Dòng tiêu đề phải có các cột của định dạng trao đổi (code, name, field, agency, …)."))


def _read_csv(text: str) -> list[RawRecord]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        _check_header(reader.fieldnames or [])
        records = []
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            records.append(RawRecord(_("dòng %(n)s") % {"n": reader.line_num}, _from_cells(row)))
    except csv.Error as exc:
        raise ImportFileError(_("Tệp CSV không hợp lệ: %(reason)s") % {"reason": exc}) from exc
    return records


def _read_xlsx(path: Path) -> list[RawRecord]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows, []) or [])
        _check_header(header)
        records = []
        for n, values in enumerate(rows, start=2):
            if not any(v is not None and str(v).strip() for v in values):
                continue
            row = dict(zip(header, values, strict=False))
            records.append(RawRecord(_("dòng %(n)s") % {"n": n}, _from_cells(row)))
        return records
    finally:
        workbook.close()
