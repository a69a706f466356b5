from django.core.management.base import BaseCommand, CommandError

from goldenthread.audit.context import Source, recorded_as
from goldenthread.indicators.fingertips.api import (
    UPPER_TIER,
    FingertipsClient,
    FingertipsError,
    area_type_ids,
    fetch_indicators,
)
from goldenthread.indicators.importers.tables import TableError


class Command(BaseCommand):
    help = (
        "Fetch indicators from Fingertips' API (FINGERTIPS_API_URL) and import them as a "
        "downloaded all-data file would be."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--indicator-id",
            action="append",
            required=True,
            metavar="ID",
            help="a Fingertips indicator ID, such as 90813; repeat for more",
        )
        parser.add_argument(
            "--area-type",
            action="append",
            metavar="ID_OR_NAME",
            help=f"a Fingertips area type, by id or name; repeat for more (default {UPPER_TIER}, "
            "counties and unitary authorities)",
        )
        parser.add_argument("--dry-run", action="store_true", help="fetch and check; write nothing")

    @recorded_as(Source.IMPORT)
    def handle(self, *args, **options):
        try:
            client = FingertipsClient()
            area_types = area_type_ids(options["area_type"] or [str(UPPER_TIER)], client.area_types)
            result = fetch_indicators(
                options["indicator_id"],
                area_types,
                dry_run=options["dry_run"],
                client=client,
                progress=lambda rows: self.stderr.write(f"… {rows:,} rows read"),
            )
        except (FingertipsError, TableError) as error:
            raise CommandError(f"Nothing was imported.\n{error}") from None
        self.stdout.write(result.headline())
