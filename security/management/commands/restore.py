"""manage.py restore SRC: verify every checksum, then restore into an empty install; never half-restores."""

from django.core.management.base import BaseCommand, CommandError

from security.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu SRC vào một bản cài đặt trống (kiểm tra mã SHA-256 trước khi ghi)."

    def add_arguments(self, parser):
        parser.add_argument("src", help="Thư mục bản sao lưu do lệnh backup tạo ra.")
        parser.add_argument("--verify-only", action="store_true", help="Chỉ kiểm tra bản sao lưu, không khôi phục.")

    def handle(self, src, verify_only=False, **options):
        try:
            manifest = verify_backup(src) if verify_only else restore_backup(src)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = ", ".join(f"{k}={v}" for k, v in manifest["counts"].items())
        verb = "Bản sao lưu nguyên vẹn" if verify_only else "Đã khôi phục"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {len(manifest['files'])} tệp ({counts})."))
