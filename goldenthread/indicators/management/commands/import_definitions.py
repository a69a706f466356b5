from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from goldenthread.audit.context import Source, recorded_as
from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.indicators.importers.tables import TableError
from goldenthread.web.options import partnership_from


class Command(BaseCommand):
    help = (
        "Import areas, indicator definitions and targets: a workbook with sheets Areas, "
        "Indicators and Targets, or a CSV file of one of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--partnership", metavar="SLUG", help="whose plan and targets (needed for those)"
        )

    @recorded_as(Source.IMPORT)
    def handle(self, *args, **options):
        partnership = partnership_from(options["partnership"]) if options["partnership"] else None
        try:
            counts = import_definitions(options["path"], partnership)
        except TableError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from None
        except OperationalError as error:  # SQLite's lock, held by another write too long
            raise CommandError(
                f"{options['path'].name}: nothing was imported: the database is busy ({error}); "
                "try again when the other write has finished."
            ) from None
        read = ", ".join(f"{count} {sheet.lower()}" for sheet, count in counts.items())
        self.stdout.write(f"{options['path'].name}: read {read}.")
