from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gcm_portal.core.demo import DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = "Create the demo accounts (and, as apps land, demo content). Idempotent. Refuses to run unless DEBUG."

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="force",
            help="Run even with DEBUG off (for a staging or training copy, never production).",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo data is only loaded with DEBUG on (make run). A production database never gets it."
            )
        accounts = load_demo_data()
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for email, description in accounts:
            self.stdout.write(f"  {email:<32} {description}")
