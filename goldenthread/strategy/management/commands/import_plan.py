from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goldenthread.audit.context import Source, recorded_as
from goldenthread.strategy.importer import PlanImportError, import_plan
from goldenthread.web.options import partnership_from


class Command(BaseCommand):
    help = (
        "Import a plan document (a Word .docx in any layout, or text from Word/PDF): its "
        "document control, sections, aims, objectives, commitments, milestones and the "
        "higher plans it serves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            type=Path,
            help="the plan: a Word document (.docx) or text extracted from Word/PDF",
        )
        parser.add_argument(
            "--partnership", metavar="SLUG", help="which partnership (needed if there are several)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )

    @recorded_as(Source.IMPORT)
    def handle(self, *args, **options):
        partnership = partnership_from(options["partnership"])
        try:
            result = import_plan(
                options["path"], partnership=partnership, dry_run=options["dry_run"]
            )
        except PlanImportError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from None
        self.stdout.write("\n".join(result.lines()))
