"""``manage.py export_procedures FILE``: write the catalogue in the interchange format."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from procedures.exporting import ExportError, export_procedures


class Command(BaseCommand):
    help = (
        "Xuất danh mục thủ tục hành chính ra tệp .json, .jsonl, .csv hoặc .xlsx (theo phần mở rộng); "
        "mẫu đơn được chép vào thư mục forms/ bên cạnh tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", action="append", default=[], help="Chỉ xuất thủ tục của cơ quan này (mã).")

    def handle(self, *args, **options):
        try:
            count = export_procedures(options["file"], agencies=options["agency"] or None)
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Đã xuất %(count)s thủ tục vào %(file)s.") % {"count": count, "file": options["file"]})
