"""Show and drain the queue of pages waiting for the search cluster (docs/search.md).

manage.py search_queue             how many wait, the oldest, the last errors
manage.py search_queue --drain     send them all (the deploy/ timer runs this every minute)
manage.py search_queue --rebuild   recreate the public index and queue every document
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search import mirror
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Show or drain the queue of index updates for Elasticsearch/OpenSearch."

    def add_arguments(self, parser):
        parser.add_argument("--drain", action="store_true", help="send every queued update now")
        parser.add_argument("--rebuild", action="store_true", help="recreate the public index and queue everything")
        parser.add_argument("--batch", type=int, default=mirror.BATCH)

    def handle(self, *args, drain=False, rebuild=False, batch=mirror.BATCH, **options):
        backend = mirror.mirror_backend()
        if rebuild and backend is None:
            raise CommandError("No search cluster is configured (ELASTICSEARCH_URL or OPENSEARCH_URL).")
        if drain and backend is None:
            # The deploy/ timer runs on database-only installs too: nothing to send is not a failure.
            self.stdout.write("No search cluster is configured; nothing to drain.")
            return
        if rebuild:
            mirror.recreate_index()
            self.stdout.write(f"Index {mirror.index_name(backend)} recreated; {mirror.queue_all()} documents queued.")
            drain = True
        if drain:
            result = mirror.drain(batch_size=batch)
            self.stdout.write(
                f"Indexed {result.indexed}, removed {result.removed}, refused {result.failed}; "
                f"{result.remaining} still queued."
            )
            if result.error:
                self.stderr.write(f"The cluster did not answer: {result.error}")
            if result.error or result.failed:
                raise SystemExit(1)
            return
        self.show(backend)

    def show(self, backend):
        queue = PendingIndexUpdate.objects.order_by("queued_at")
        count = queue.count()
        target = mirror.index_name(backend) if backend is not None else "(no search cluster configured)"
        self.stdout.write(f"Index: {target}")
        self.stdout.write(f"Queued updates: {count}")
        oldest = queue.first()
        if oldest is not None:
            self.stdout.write(f"Oldest: page {oldest.page_id}, queued {oldest.queued_at:%Y-%m-%d %H:%M:%S}")
        for row in queue.exclude(last_error="").order_by("-attempts")[:10]:
            self.stdout.write(f"  page {row.page_id}: {row.attempts} attempts, {row.last_error}")
