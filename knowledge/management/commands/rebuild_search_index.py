"""Empty the hub's unified index and fill it again from every app's published records."""

from django.core.management.base import BaseCommand

from gcm_portal.core.db import statement_timeout_lifted
from knowledge.services.index import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the unified search index from every app's published records."

    def handle(self, *args, **options):
        with statement_timeout_lifted():
            counts = index_rebuild(stdout=self.stdout if options["verbosity"] > 1 else None)
        self.stdout.write(f"Indexed {sum(counts.values())} published records.")
