"""Retry the citizens' messages that failed or were never sent (run it from cron every few minutes)."""

from django.core.management.base import BaseCommand

from online_services.notifications import MAX_ATTEMPTS, retry_failed


class Command(BaseCommand):
    help = "Gửi lại các thông báo hồ sơ chưa gửi được (thư điện tử, SMS) trong hộp thư đi."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=MAX_ATTEMPTS,
            help="Bỏ qua thông báo đã thử gửi từng ấy lần (mặc định %(default)s).",
        )

    def handle(self, *args, max_attempts, **options):
        sent, failing = retry_failed(max_attempts)
        self.stdout.write(f"sent: {sent}, still failing: {failing}")
