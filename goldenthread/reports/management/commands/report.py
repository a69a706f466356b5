from pathlib import Path

from django.core.management.base import BaseCommand

from goldenthread.plans.options import delivery_plan_from
from goldenthread.reports.render import FORMATS, KINDS, render
from goldenthread.web.options import add_partnership_and_year


class Command(BaseCommand):
    help = (
        "Write a report from the live data: the annual report of a delivery year, or the "
        "exception report of what is off track."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS))
        add_partnership_and_year(parser)
        parser.add_argument("--format", choices=FORMATS, default="html")
        parser.add_argument("--output", type=Path, required=True, help="the file to write")

    def handle(self, *args, **options):
        report = KINDS[options["kind"]].build(delivery_plan_from(options))
        rendered = render(report, options["format"])
        options["output"].write_bytes(rendered.content)
        self.stdout.write(f"Wrote {report.title} to {options['output']}.")
