from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.audit.context import Source, recorded_as
from goldenthread.indicators.importers.tables import TableError
from goldenthread.indicators.importers.values import import_values


class Command(BaseCommand):
    help = (
        "Import indicator values from a tidy CSV or Excel file, one value a row "
        "(columns: indicator, area, period, breakdown, value, numerator, denominator, "
        "lower, upper, status, note, source)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and count; write nothing"
        )

    @recorded_as(Source.IMPORT)
    def handle(self, *args, **options):
        def progress(rows: int) -> None:
            self.stderr.write(f"… {rows:,} rows read")

        try:
            result = import_values(options["path"], dry_run=options["dry_run"], progress=progress)
        except TableError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from None
        self.stdout.write(result.headline())
