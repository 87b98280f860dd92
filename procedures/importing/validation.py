"""Checking every record of an interchange file before anything is written.

``validate`` turns a raw record into a clean ``ProcedureRecord`` or a list of
errors, each naming the record's position, the key and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.utils.file import hash_filelike

from ..models import METHODS

METHOD_KEYS = [key for key, _label in METHODS]
KEYS = [
    "code",
    "national_code",
    "name",
    "name_en",
    "field",
    "agency",
    "level",
    "methods",
    "processing_time",
    "fees",
    "subjects",
    "steps",
    "dossier",
    "conditions",
    "legal_basis",
    "result",
]
REQUIRED = {
    "code",
    "name",
    "field",
    "agency",
    "level",
    "methods",
    "processing_time",
    "fees",
    "steps",
    "dossier",
    "legal_basis",
    "result",
}
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_FORM_BYTES = 20 * 1024 * 1024


@dataclass
class RecordError:
    position: str
    key: str
    reason: str
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.position} ({self.code})" if self.code else self.position
        if self.key:
            return _("%(where)s, khóa “%(key)s”: %(reason)s") % {"where": where, "key": self.key, "reason": self.reason}
        return f"{where}: {self.reason}"


@dataclass
class Component:
    name: str
    copies: int = 1
    form: str = ""  # the path as written in the file
    form_path: Path | None = None  # resolved on disk
    form_hash: str = ""


@dataclass
class ProcedureRecord:
    """A validated record, ready to compare with the catalogue and write."""

    position: str
    code: str
    name: str
    field: str
    agency: str
    level: int
    methods: list[str]
    processing_time: str
    fees: str
    steps: list[str]
    legal_basis: list[str]
    result: str
    dossier: list[Component] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    national_code: str = ""
    name_en: str = ""
    conditions: str = ""


class Context:
    """What validation needs to know about the install, loaded once per file."""

    def __init__(self, base_dir: Path):
        from sites.models import Agency

        from ..models import ProcedurePage

        self.base_dir = Path(base_dir).resolve()
        self.agencies = {a.slug: a for a in Agency.objects.select_related("collection", "home_page")}
        self.owner_of_code = dict(
            ProcedurePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).values_list(
                "code", "agency__slug"
            )
        )
        self.seen_codes: dict[str, str] = {}
        self.hashes: dict[Path, str] = {}
        self.extensions = {e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []}

    def file_hash(self, path: Path) -> str:
        if path not in self.hashes:
            with path.open("rb") as handle:
                self.hashes[path] = hash_filelike(handle)
        return self.hashes[path]


class _Checker:
    def __init__(self, raw, ctx: Context):
        self.raw = raw
        self.ctx = ctx
        self.errors: list[tuple[str, str]] = []

    def error(self, key: str, reason: str) -> None:
        self.errors.append((key, reason))

    def text(self, key: str, *, max_length: int | None = None, required: bool | None = None) -> str:
        required = key in REQUIRED if required is None else required
        value = self.raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(key, _("thiếu giá trị bắt buộc"))
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, _("phải là một chuỗi ký tự"))
            return ""
        value = str(value).strip()
        if max_length and len(value) > max_length:
            self.error(key, _("dài quá %(max)s ký tự") % {"max": max_length})
        return value

    def text_list(self, key: str) -> list[str]:
        value = self.raw.get(key)
        if value is None or value == []:
            if key in REQUIRED:
                self.error(key, _("thiếu giá trị bắt buộc (cần ít nhất một mục)"))
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, _("phải là một danh sách các chuỗi ký tự"))
            return []
        items = []
        for n, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{key}[{n}]", _("phải là một chuỗi ký tự không rỗng"))
                continue
            items.append(item.strip())
        return items


def validate(raw_record, ctx: Context) -> tuple[ProcedureRecord | None, list[RecordError]]:
    """A clean record, or the reasons it cannot be imported."""
    position = raw_record.position
    if raw_record.parse_error:
        return None, [RecordError(position, "", raw_record.parse_error)]
    raw = raw_record.data
    if not isinstance(raw, dict):
        return None, [RecordError(position, "", _("bản ghi phải là một đối tượng JSON (cặp khóa – giá trị)"))]
    check = _Checker(raw, ctx)
    for key in raw:
        if key not in KEYS:
            check.error(str(key), _("khóa không có trong định dạng trao đổi"))

    code = check.text("code", max_length=64)
    if code and not CODE_RE.match(code):
        check.error("code", _("chỉ được gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang và gạch dưới"))
    elif code:
        if code in ctx.seen_codes:
            check.error("code", _("trùng với %(other)s trong cùng tệp") % {"other": ctx.seen_codes[code]})
        else:
            ctx.seen_codes[code] = position

    national_code = check.text("national_code", max_length=64)
    name = check.text("name", max_length=255)
    name_en = check.text("name_en", max_length=255)
    field_name = check.text("field", max_length=255)

    agency_slug = check.text("agency", max_length=80)
    agency = ctx.agencies.get(agency_slug) if agency_slug else None
    if agency_slug and agency is None:
        check.error("agency", _("không có cơ quan nào có mã “%(slug)s”") % {"slug": agency_slug})
    elif agency is not None and (not agency.is_active or agency.home_page_id is None):
        check.error("agency", _("cơ quan “%(slug)s” đã ngừng hoạt động hoặc chưa có trang") % {"slug": agency_slug})
    if agency is not None and code and ctx.owner_of_code.get(code) not in (None, agency_slug):
        check.error(
            "code",
            _("mã này đã là thủ tục của cơ quan “%(owner)s”; không thể chuyển sang “%(slug)s” bằng nhập liệu")
            % {"owner": ctx.owner_of_code[code], "slug": agency_slug},
        )

    level = raw.get("level")
    if level is None:
        check.error("level", _("thiếu giá trị bắt buộc"))
    elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
        check.error("level", _("phải là số nguyên từ 1 đến 4 (nhận được %(value)s)") % {"value": repr(level)})
        level = None

    methods = check.text_list("methods")
    for method in methods:
        if method not in METHOD_KEYS:
            check.error(
                "methods",
                _("“%(value)s” không phải là cách thức hợp lệ (in_person, postal, online)") % {"value": method},
            )
    methods = [key for key in METHOD_KEYS if key in methods]
    if isinstance(level, int) and level >= 3 and methods and "online" not in methods:
        check.error("methods", _("thủ tục mức độ 3 trở lên phải có cách thức “online”"))

    processing_time = check.text("processing_time", max_length=255)
    fees = check.text("fees")
    subjects = check.text_list("subjects")
    steps = check.text_list("steps")
    conditions = check.text("conditions")
    legal_basis = check.text_list("legal_basis")
    result = check.text("result")
    dossier = _dossier(check, raw.get("dossier"), ctx)

    errors = [RecordError(position, key, reason, code) for key, reason in check.errors]
    if errors:
        return None, errors
    return (
        ProcedureRecord(
            position=position,
            code=code,
            name=name,
            name_en=name_en,
            national_code=national_code,
            field=field_name,
            agency=agency_slug,
            level=level,
            methods=methods,
            processing_time=processing_time,
            fees=fees,
            subjects=subjects,
            steps=steps,
            dossier=dossier,
            conditions=conditions,
            legal_basis=legal_basis,
            result=result,
        ),
        [],
    )


def _dossier(check: _Checker, value, ctx: Context) -> list[Component]:
    if value is None:
        check.error("dossier", _("thiếu giá trị bắt buộc (danh sách có thể rỗng)"))
        return []
    if not isinstance(value, list):
        check.error("dossier", _("phải là một danh sách các thành phần hồ sơ"))
        return []
    components = []
    for n, item in enumerate(value, start=1):
        key = f"dossier[{n}]"
        if isinstance(item, str) and item.strip():
            item = {"name": item}
        if not isinstance(item, dict):
            check.error(key, _("phải là một đối tượng có “name”, “copies” và “form”"))
            continue
        unknown = set(item) - {"name", "copies", "form"}
        if unknown:
            check.error(
                key, _("khóa không có trong định dạng trao đổi: %(keys)s") % {"keys": ", ".join(sorted(unknown))}
            )
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            check.error(f"{key}.name", _("thiếu tên giấy tờ"))
            continue
        copies = item.get("copies", 1)
        if isinstance(copies, str) and copies.strip().isdigit():
            copies = int(copies)
        if isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= 100:
            check.error(f"{key}.copies", _("phải là số nguyên từ 1 đến 100"))
            continue
        component = Component(name=name.strip(), copies=copies)
        form = item.get("form")
        if form not in (None, ""):
            if not isinstance(form, str):
                check.error(f"{key}.form", _("phải là đường dẫn tệp (chuỗi ký tự)"))
                continue
            path = _form_path(check, f"{key}.form", form.strip(), ctx)
            if path is None:
                continue
            component.form = form.strip()
            component.form_path = path
            component.form_hash = ctx.file_hash(path)
        components.append(component)
    return components


def _form_path(check: _Checker, key: str, form: str, ctx: Context) -> Path | None:
    relative = Path(form)
    if relative.is_absolute() or ".." in relative.parts:
        check.error(key, _("đường dẫn phải nằm trong thư mục của tệp nhập (“%(form)s”)") % {"form": form})
        return None
    path = (ctx.base_dir / relative).resolve()
    if not path.is_relative_to(ctx.base_dir):
        check.error(key, _("đường dẫn phải nằm trong thư mục của tệp nhập (“%(form)s”)") % {"form": form})
        return None
    if not path.is_file():
        check.error(key, _("không tìm thấy tệp mẫu đơn “%(form)s”") % {"form": form})
        return None
    extension = path.suffix.lower().lstrip(".")
    if ctx.extensions and extension not in ctx.extensions:
        check.error(
            key,
            _("loại tệp “.%(ext)s” không được phép; chỉ nhận %(allowed)s")
            % {"ext": extension, "allowed": ", ".join(sorted(ctx.extensions))},
        )
        return None
    if path.stat().st_size > MAX_FORM_BYTES:
        check.error(key, _("tệp mẫu đơn lớn hơn 20 MB"))
        return None
    if path.stat().st_size == 0:
        check.error(key, _("tệp mẫu đơn rỗng"))
        return None
    return path
