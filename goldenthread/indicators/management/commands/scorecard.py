import json

from django.core.management.base import BaseCommand, CommandError

from goldenthread.indicators.evaluation import as_dict
from goldenthread.indicators.scorecard import scorecard, year_end
from goldenthread.web.options import partnership_from


class Command(BaseCommand):
    help = "Print a partnership's scorecard: every indicator evaluated at its latest value."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", metavar="SLUG")
        parser.add_argument("--json", action="store_true", help="print the evaluation as JSON")
        parser.add_argument(
            "--year",
            metavar="2014/15",
            help="the data as it stood at the end of this financial year, as its reports read it",
        )

    def handle(self, *args, **options):
        partnership = partnership_from(options["partnership"])
        try:
            as_of = year_end(options["year"] or "")
        except ValueError as error:
            raise CommandError(str(error)) from None
        rows = scorecard(partnership, as_of=as_of)
        if options["json"]:
            data = {
                "partnership": partnership.slug,
                "area": partnership.area.code,
                "as_of": as_of.isoformat() if as_of else None,
                "indicators": [as_dict(row.evaluation) | {"aims": row.aims} for row in rows],
            }
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for row in rows:
            e = row.evaluation
            cells = [
                e.indicator.title[:50].ljust(50),
                str(e.period or "").ljust(14),
                e.indicator.format(e.value).rjust(16),
                (e.rag or "-").ljust(6),
                (e.direction or "-").ljust(10),
                e.significance.ljust(12),
                e.not_judged,
            ]
            self.stdout.write("  ".join(cells))
