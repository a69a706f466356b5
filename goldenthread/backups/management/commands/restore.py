from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.backups.archive import BackupError, restore
from goldenthread.lib.wording import counted


class Command(BaseCommand):
    help = "Replace every record and uploaded file with those of a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a file written by `goldenthread backup`")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing what is here"
        )

    def handle(self, *args, path: Path, yes: bool, **options):
        if (
            not yes
            and input(
                "This replaces everything in this goldenthread with the backup. Type yes to go on: "
            )
            .strip()
            .lower()
            != "yes"
        ):
            raise CommandError("Nothing was changed.")
        try:
            manifest = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(
            f"Restored {rows:,} records and {counted(manifest.files, 'file')} from {path} "
            f"(backed up {manifest.created_at})."
        )
