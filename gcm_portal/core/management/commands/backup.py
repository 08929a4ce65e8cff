from django.core.management.base import BaseCommand, CommandError

from gcm_portal.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (a consistent pg_dump, or SQLite's online backup) and every stored file into "
        "a new folder, with a SHA-256 manifest (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="a folder that does not exist yet (or is empty)")

    def handle(self, *args, destination, **options):
        try:
            report = backup_create(destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(report.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows in {len(report.counts)} tables and {report.files} files "
                f"({report.bytes} bytes) to {report.path}"
            )
        )
        for name in report.missing:
            self.stderr.write(self.style.WARNING(f"missing from storage (named by a record, not backed up): {name}"))
