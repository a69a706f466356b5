from pathlib import Path

from django.core.management.base import BaseCommand

from goldenthread.indicators.exports import export_definitions
from goldenthread.web.options import partnership_from


class Command(BaseCommand):
    help = "Write areas, indicator definitions and a partnership's targets to a workbook."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the .xlsx file to write")
        parser.add_argument("--partnership", metavar="SLUG")

    def handle(self, *args, **options):
        path = export_definitions(partnership_from(options["partnership"]), options["path"])
        self.stdout.write(f"Wrote {path}.")
