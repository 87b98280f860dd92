"""Import of the procedure catalogue from the interchange format (shared/data/procedure-format.md).

``run_import`` reads the whole file, validates every record, and only then
writes — all of it in one transaction — or, on a dry run, reports what it
would create, update and leave alone. It never deletes a procedure.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .readers import ImportFileError, read_records
from .validation import Context, ProcedureRecord, RecordError, validate
from .writer import Writer

__all__ = ["ImportFileError", "ImportReport", "RecordError", "run_import"]

PROGRESS_THRESHOLD = 50


@dataclass
class ImportReport:
    total: int = 0
    dry_run: bool = False
    written: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    invalid_positions: list[str] = field(default_factory=list)
    documents_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.dry_run:
            text = _(
                "Chạy thử (không ghi gì): %(total)s bản ghi; sẽ tạo mới %(created)s, cập nhật %(updated)s, "
                "giữ nguyên %(unchanged)s; %(invalid)s bản ghi lỗi."
            )
        elif self.written:
            text = _(
                "Đã nhập %(total)s bản ghi: tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s; "
                "bỏ qua %(invalid)s bản ghi lỗi."
            )
        else:
            text = _("Không ghi gì: %(invalid)s trong %(total)s bản ghi có lỗi. Sửa tệp rồi nhập lại.")
        return text % {
            "total": self.total,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "invalid": len(self.invalid_positions),
        }


def _progress(iterable, total: int, description: str, enabled: bool):
    if not enabled or total < PROGRESS_THRESHOLD:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=description, unit=_("bản ghi"), file=sys.stderr, leave=False)


def run_import(
    path: Path | str,
    *,
    dry_run: bool = False,
    valid_only: bool = False,
    progress: bool = False,
) -> ImportReport:
    """Validate every record of ``path``, then write them (unless there are errors or it is a dry run).

    Raises ``ImportFileError`` when the file cannot be read at all.
    """
    path = Path(path)
    raw_records = read_records(path)
    report = ImportReport(total=len(raw_records), dry_run=dry_run)
    ctx = Context(path.parent)
    records: list[ProcedureRecord] = []
    for raw in _progress(raw_records, len(raw_records), _("Kiểm tra"), progress):
        record, errors = validate(raw, ctx)
        if errors:
            report.errors.extend(errors)
            report.invalid_positions.append(raw.position)
        else:
            records.append(record)

    if report.errors and not valid_only and not dry_run:
        return report
    writer = Writer(ctx.agencies, write=not dry_run)
    with transaction.atomic():
        for record in _progress(records, len(records), _("Nhập"), progress):
            outcome = writer.apply(record)
            getattr(report, outcome).append(record.code)
    report.written = not dry_run
    report.documents_created = writer.documents_created
    return report
