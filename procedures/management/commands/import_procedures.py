"""``manage.py import_procedures FILE``: load procedures from the interchange format."""

from django.core.management.base import BaseCommand, CommandError

from procedures.importing import ImportFileError, run_import


class Command(BaseCommand):
    help = (
        "Nhập thủ tục hành chính từ tệp JSON, JSON Lines, CSV hoặc XLSX (định dạng trao đổi). "
        "Kiểm tra mọi bản ghi trước khi ghi; chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .json, .jsonl, .csv hoặc .xlsx; mẫu đơn tính từ thư mục của tệp.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ báo cáo sẽ tạo, cập nhật, giữ nguyên gì.")
        parser.add_argument(
            "--valid-only", action="store_true", help="Nhập các bản ghi hợp lệ, bỏ qua (và báo) các bản ghi lỗi."
        )
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, **options):
        try:
            report = run_import(
                options["file"],
                dry_run=options["dry_run"],
                valid_only=options["valid_only"],
                progress=not options["no_progress"],
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for error in report.errors:
            self.stderr.write(str(error))
        verbosity = options["verbosity"]
        if verbosity >= 2:
            for label, codes in (("+", report.created), ("~", report.updated), ("=", report.unchanged)):
                for code in codes:
                    self.stdout.write(f"  {label} {code}")
        self.stdout.write(report.summary())
        if report.errors and not options["valid_only"] and not options["dry_run"]:
            raise CommandError(report.summary())
