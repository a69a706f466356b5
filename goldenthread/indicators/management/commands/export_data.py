from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from goldenthread.indicators.exports import write_values
from goldenthread.indicators.fingertips.writing import write_export
from goldenthread.indicators.models import Indicator


class Command(BaseCommand):
    help = (
        "Write indicator values to a CSV file: goldenthread's own columns (the shape "
        "import_data reads), or --shape fingertips for a Fingertips 'all data' export with "
        "goldenthread's judgements in the 'Compared to' columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="OUT.csv")
        parser.add_argument("--shape", choices=["tidy", "fingertips"], default="tidy")
        parser.add_argument(
            "--indicator-id",
            action="append",
            default=[],
            metavar="ID",
            help="a Fingertips indicator ID or an indicator's code; all indicators if none",
        )

    def handle(self, *args, path: Path, shape: str, indicator_id: list[str], **options):
        indicators = Indicator.objects.all()
        if indicator_id:
            indicators = indicators.filter(
                Q(external_id__in=indicator_id) | Q(code__in=indicator_id)
            )
            found = {i.external_id for i in indicators} | {i.code for i in indicators}
            if unknown := [i for i in indicator_id if i not in found]:
                raise CommandError(f"No indicator has the ID or code {', '.join(unknown)}.")
        write = write_export if shape == "fingertips" else write_values
        with path.open("w", newline="", encoding="utf-8") as file:
            rows = write(file, indicators.order_by("external_id", "code"))
        self.stdout.write(f"Wrote {rows:,} values to {path.name}.")
