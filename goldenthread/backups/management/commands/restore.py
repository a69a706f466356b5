from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.audit.context import Source, recorded_as
from goldenthread.backups.archive import BackupError, restore
from goldenthread.lib.wording import counted


class Command(BaseCommand):
    help = "Replace every record and uploaded file with those of a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a file written by `goldenthread backup`")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing what is here"
        )
        parser.add_argument(
            "--unsigned",
            action="store_true",
            help="restore a backup this site did not sign (made by a site with another "
            "SECRET_KEY, or before backups were signed): only one you trust",
        )

    @recorded_as(Source.COMMAND)
    def handle(self, *args, path: Path, yes: bool, unsigned: bool, **options):
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
            manifest = restore(path, unsigned=unsigned)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(
            f"Restored {rows:,} records and {counted(manifest.files, 'file')} from {path} "
            f"(backed up {manifest.created_at})."
        )
