from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from goldenthread.audit.context import Source, recorded_as
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.importing import ImportBusy, import_data_files


class Command(BaseCommand):
    help = (
        "Import indicator values: Fingertips 'all data' exports (recognised by their "
        "header, several as one set), or tidy CSV or Excel files, one value a row "
        "(columns: indicator, area, period, breakdown, value, numerator, denominator, "
        "lower, upper, lower998, upper998, status, note, source)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the files and count; write nothing"
        )

    @recorded_as(Source.IMPORT)
    def handle(self, *args, **options):
        def progress(rows: int) -> None:
            self.stderr.write(f"… {rows:,} rows read")

        names = ", ".join(path.name for path in options["paths"])
        try:
            results = import_data_files(
                options["paths"], dry_run=options["dry_run"], progress=progress
            )
        except TableError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from None
        except OperationalError as error:  # SQLite's lock, held by another write too long
            raise CommandError(
                f"{names}: nothing was imported: the database is busy ({error}); "
                "try again when the other write has finished."
            ) from None
        except ImportBusy as error:
            raise CommandError(f"{names}: {error}.") from None
        for result in results:
            self.stdout.write(result.headline())
            for note in getattr(result, "notes", []):
                self.stdout.write(f"Note: {note}")
            if more := getattr(result, "more_notes", 0):
                self.stdout.write(f"Note: and {more:,} more rows whose limits differ.")
