"""manage.py backup DEST: the database, public media and private dossier files, with a checksummed manifest."""

from django.core.management.base import BaseCommand, CommandError

from security.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, tệp công khai và tệp hồ sơ vào thư mục DEST (kèm tệp kê khai SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument("dest", help="Thư mục mới hoặc trống để ghi bản sao lưu.")

    def handle(self, dest, **options):
        try:
            manifest = make_backup(dest)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = ", ".join(f"{k}={v}" for k, v in manifest.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu {len(manifest.files)} tệp vào {dest} ({counts})."))
        if not manifest.media_included:
            self.stdout.write(self.style.WARNING("Tệp công khai nằm trên kho lưu trữ đối tượng: sao lưu riêng."))
