import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from gcm_portal.core.bench import SCALES, bench_seeders
from gcm_portal.core.db import statement_timeout_lifted


class Command(BaseCommand):
    help = (
        "Bulk-insert deterministic benchmark data (scale M: all countries, 1,000 users, 20,000 voluntary "
        "reports, 60,000 document records, 5,000 pledges; S is a tenth). Replaces earlier benchmark data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="S", choices=sorted(SCALES))
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        if not bench_seeders():
            raise CommandError("No app registered a benchmark seeder.")
        spec = SCALES[scale]
        started = time.monotonic()
        for name, seeder in bench_seeders():
            with statement_timeout_lifted(), transaction.atomic():
                created = seeder(spec, random.Random(f"{seed}-{name}"), self.stdout)
            summary = ", ".join(f"{count} {what}" for what, count in created.items())
            self.stdout.write(f"{name}: {summary}")
        self._settle()
        self.stdout.write(self.style.SUCCESS(f"Scale {scale} seeded in {time.monotonic() - started:.1f} s"))

    def _settle(self) -> None:
        """Reclaim the rows that bulk loading rewrote and gather the planner's statistics, as autovacuum
        does on a live database within minutes: measured before it, every plan is a guess (a count of
        20,000 reports read 67 MB of dead rows in 46 ms; after, 2 ms)."""
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # not in a transaction
        with statement_timeout_lifted(), connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
        self.stdout.write("vacuumed and analysed" if vacuum else "analysed")
