import time

from django.core.management.base import BaseCommand

from gcm_portal.core.outbox import outbox_backlog, outbox_prune, outbox_relay


class Command(BaseCommand):
    help = (
        "Hand the tasks waiting in the transactional outbox to Celery (beat does it every "
        "OUTBOX_RELAY_SECONDS); --watch N repeats every N seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--watch", type=float, default=0, help="repeat every this many seconds, until stopped")

    def handle(self, *args, watch, **options):
        while True:
            sent = outbox_relay()
            outbox_prune()
            backlog = outbox_backlog()
            self.stdout.write(f"relayed {sent}; waiting {backlog['waiting']} (oldest {backlog['oldest_seconds']} s)")
            if not watch:
                return
            time.sleep(watch)
