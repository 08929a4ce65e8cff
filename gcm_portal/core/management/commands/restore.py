from django.core.management.base import BaseCommand, CommandError

from gcm_portal.core.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and storage, after checking "
        "every file against its SHA-256 manifest; --verify-only checks without restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup folder")
        parser.add_argument("--verify-only", action="store_true", help="check the manifest, change nothing")

    def handle(self, *args, source, verify_only, **options):
        try:
            if verify_only:
                manifest = backup_verify(source)
                self.stdout.write(self.style.SUCCESS(f"{source}: {len(manifest['files'])} files, every hash matches"))
                return
            report = backup_restore(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(report.counts.values())} rows in {len(report.counts)} tables and "
                f"{report.files} files ({report.bytes} bytes); every hash and row count matches the manifest"
            )
        )
