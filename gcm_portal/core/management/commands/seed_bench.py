import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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
        self.stdout.write(self.style.SUCCESS(f"Scale {scale} seeded in {time.monotonic() - started:.1f} s"))
