from django.core.management.base import BaseCommand, CommandError

from sites.models import Agency
from sites.provisioning import merge_agency


class Command(BaseCommand):
    help = "Merge one agency into another: its pages move, its old URLs redirect, it retires."

    def add_arguments(self, parser):
        parser.add_argument("source", help="slug of the agency that is merged away")
        parser.add_argument("target", help="slug of the surviving agency")

    def handle(self, *args, source, target, **options):
        agencies = {a.slug: a for a in Agency.objects.filter(slug__in=[source, target])}
        for slug in (source, target):
            if slug not in agencies:
                raise CommandError(f"Không có cơ quan “{slug}”.")
        if not agencies[source].is_active:
            raise CommandError(f"Cơ quan “{source}” đã ngừng hoạt động.")
        try:
            moved = merge_agency(agencies[source], agencies[target])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã chuyển {moved} trang từ {source} sang {target}.")
