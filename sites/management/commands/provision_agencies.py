import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sites.models import Agency
from sites.provisioning import provision_agencies

REQUIRED = ["slug", "name", "kind", "hostname"]


def validate_records(records) -> list[str]:
    """Every problem in the file, each naming the record and the key."""
    if not isinstance(records, list):
        return ["Tệp phải chứa một mảng JSON các cơ quan."]
    errors = []
    slugs = [rec.get("slug") for rec in records if isinstance(rec, dict)]
    known = set(slugs) | set(Agency.objects.values_list("slug", flat=True))
    kinds = set(Agency.Kind.values)
    for pos, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            errors.append(f"Bản ghi {pos}: không phải một đối tượng JSON.")
            continue
        for key in REQUIRED:
            if not rec.get(key):
                errors.append(f"Bản ghi {pos} ({rec.get('slug', '?')}), khóa “{key}”: bắt buộc.")
        if rec.get("kind") and rec["kind"] not in kinds:
            errors.append(f"Bản ghi {pos} ({rec.get('slug')}), khóa “kind”: “{rec['kind']}” không hợp lệ.")
        if rec.get("parent") and rec["parent"] not in known:
            errors.append(f"Bản ghi {pos} ({rec.get('slug')}), khóa “parent”: không có cơ quan “{rec['parent']}”.")
    if len(slugs) != len(set(slugs)):
        errors.append("Tệp có mã định danh (slug) trùng nhau.")
    return errors


class Command(BaseCommand):
    help = "Provision agency sites (home page, Site, collection, groups, workflow) from a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            records = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"Không đọc được tệp {file}: {exc}") from exc
        errors = validate_records(records)
        if errors:
            raise CommandError("\n".join(errors))
        report = provision_agencies(records)
        self.stdout.write(
            f"Tạo mới: {len(report.created)}, cập nhật: {len(report.updated)}, không đổi: {len(report.unchanged)}"
        )
