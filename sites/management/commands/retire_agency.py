from django.core.management.base import BaseCommand, CommandError

from sites.models import Agency
from sites.provisioning import retire_agency


class Command(BaseCommand):
    help = "Close an agency's site; its URLs redirect to the parent agency's site."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug, **options):
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan “{slug}”.")
        if not agency.is_active:
            raise CommandError(f"Cơ quan “{slug}” đã ngừng hoạt động.")
        try:
            count = retire_agency(agency)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã đóng trang của {slug}; {count} địa chỉ chuyển hướng.")
