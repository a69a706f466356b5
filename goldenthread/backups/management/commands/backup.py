from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.backups.archive import BackupError, backup
from goldenthread.lib.wording import counted


class Command(BaseCommand):
    help = "Write every record and uploaded file to one zip file, to restore with `restore`."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="the backup file to write, such as 2026-11-23.zip"
        )

    def handle(self, *args, path: Path, **options):
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(
            f"Backed up {rows:,} records and {counted(manifest.files, 'file')} to {path}."
        )
