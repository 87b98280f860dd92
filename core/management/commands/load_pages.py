"""``manage.py load_pages FILE.json``: create pages (and their translations) from page records."""

from django.core.management.base import BaseCommand, CommandError

from core.page_loader import PageLoadError, load_file


class Command(BaseCommand):
    help = (
        "Tạo trang từ tệp JSON (create pages from a JSON file of page records; see core/page_loader.py). "
        "Every record is checked first: one invalid record and nothing is written. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON file: a list of page records, or {'pages': [...]}")
        parser.add_argument("--dry-run", action="store_true", help="only validate")

    def handle(self, *args, path, dry_run, **options):
        try:
            report = load_file(path, dry_run=dry_run)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except PageLoadError as exc:
            raise CommandError("Không ghi gì (nothing written):\n" + "\n".join(exc.errors)) from exc
        self.stdout.write("Hợp lệ (valid)." if dry_run else str(report))
