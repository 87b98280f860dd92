"""Load the demo network; idempotent, so ``make run`` can call it every time."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

# Modules whose ``load(stdout)`` runs, in order (each builds on the previous).
# A module that does not exist yet is skipped, so apps can land one by one.
DEMO_MODULES = [
    "demo.network",
    "demo.procedures",
    "demo.services",
    "demo.dossier_stats",
    "demo.news",
    "demo.sections",
    "demo.journeys",
    "demo.toptasks",
]


class Command(BaseCommand):
    help = "Load the demo network (agencies, pages, procedures, users). Safe to run again."

    def handle(self, *args, **options):
        results = {}
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            results[name] = module.load(stdout=self.stdout)
        home = results["demo.network"]
        report = home["agencies"]
        self.stdout.write(
            f"Cơ quan – tạo mới: {len(report.created)}, cập nhật: {len(report.updated)}, "
            f"không đổi: {len(report.unchanged)}; trang mới: {home['pages']}"
        )
        for app, result in results.items():
            if app != "demo.network" and isinstance(result, str):
                self.stdout.write(result)
        self.print_summary(home["users"])

    def print_summary(self, users):
        from demo.network import DEMO_PASSWORD
        from sites.models import Agency

        self.stdout.write("\nCác trang của mạng (Network sites):")
        for agency in Agency.objects.active().order_by("kind", "name"):
            self.stdout.write(f"  {agency.root_url}/  {agency.name}")
        port = settings.SITE_PORT
        self.stdout.write(f"  http://127.0.0.1:{port}/  (cổng tỉnh / provincial portal)")
        self.stdout.write(f"\nQuản trị (admin): http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"Tài khoản demo (demo logins), mật khẩu / password: {DEMO_PASSWORD}")
        for username, agency, role in users:
            self.stdout.write(f"  {username:<20} {role:<18} {agency}")
