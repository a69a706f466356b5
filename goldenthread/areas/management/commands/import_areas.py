from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.areas.importers import TableError, import_area_files
from goldenthread.areas.importers.base import iso_date


class Command(BaseCommand):
    help = (
        "Import areas from DfE and ONS reference files (las.csv, regions.csv, "
        "region_la_hierarchy.csv, la_code_list.xlsx, statistical neighbour workbooks, "
        "changes.csv, district lookups), each recognised by its columns; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--in-force-from",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="when a neighbour file's model came into force, if the file does not say",
        )

    def handle(self, *args, **options):
        try:
            summaries = import_area_files(options["paths"], options["in_force_from"])
        except TableError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from None
        for summary in summaries:
            self.stdout.write(summary.line())
