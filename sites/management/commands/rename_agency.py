from django.core.management.base import BaseCommand, CommandError

from sites.models import Agency
from sites.provisioning import rename_agency


class Command(BaseCommand):
    help = "Rename an agency; its site name, home page, collection and groups follow."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--name-en")
        parser.add_argument("--site-name")

    def handle(self, *args, slug, name, name_en, site_name, **options):
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan “{slug}”.")
        changed = rename_agency(agency, name=name, name_en=name_en, site_name=site_name)
        self.stdout.write("Đã đổi tên." if changed else "Không có gì thay đổi.")
