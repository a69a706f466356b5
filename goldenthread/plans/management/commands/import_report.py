from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.audit.context import Source, recorded_as
from goldenthread.plans.importers.annual_report import ReportError, import_report
from goldenthread.web.options import add_partnership_and_year, financial_year, partnership_from


class Command(BaseCommand):
    help = (
        "Import a delivery plan's actions and progress from its annual report or tracker "
        "(Word .docx, Excel .xlsx, CSV, or text extracted from Word or PDF)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the report: .docx, .xlsx, .csv or text")
        add_partnership_and_year(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )

    @recorded_as(Source.IMPORT)
    def handle(self, *args, **options):
        year = financial_year(options["year"])
        partnership = partnership_from(options["partnership"])
        try:
            result = import_report(
                options["path"], partnership=partnership, year=year, dry_run=options["dry_run"]
            )
        except ReportError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from None
        self.stdout.write("\n".join(result.lines()))
