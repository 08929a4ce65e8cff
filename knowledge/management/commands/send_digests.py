"""Send the follow digests that are due (what the daily Celery beat task runs)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from knowledge.choices import DigestFrequency
from knowledge.services.follows import digests_send


class Command(BaseCommand):
    help = "Send the daily and weekly digests that are due and have something new."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=DigestFrequency.values, help="Only this kind of digest.")

    def handle(self, *args, **options):
        sent = digests_send(now=timezone.now(), frequency=options.get("frequency"))
        self.stdout.write(f"Sent {sent} digest(s).")
