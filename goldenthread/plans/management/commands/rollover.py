from django.core.management.base import BaseCommand, CommandError

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.rollover import Fate, RolloverError, roll_over
from goldenthread.web.options import partnership_from


class Command(BaseCommand):
    help = (
        "Start next year's delivery plan as a draft: carry forward what is unfinished, "
        "leave what is completed or withdrawn. Run with --dry-run first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="from_year", required=True, help="such as 2014/15")
        parser.add_argument("--to", dest="to_year", required=True, help="such as 2015/16")
        parser.add_argument(
            "--partnership", metavar="SLUG", help="which partnership (needed if there are several)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would happen and write nothing"
        )

    def handle(self, *args, **options):
        from_year = _year("--from", options["from_year"])
        to_year = _year("--to", options["to_year"])
        partnership = partnership_from(options["partnership"])
        try:
            result = roll_over(partnership, from_year, to_year, dry_run=options["dry_run"])
        except RolloverError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(result.lines()))
        if result.with_fate(Fate.PLACE):
            self.stdout.write(
                f"\nPlace the actions waiting for an objective at "
                f"/{partnership.slug}/{from_year.slug}/rollover/"
            )
        if result.draft is not None:
            self.stdout.write(
                f"\nReview and publish the draft at /{partnership.slug}/{to_year.slug}/draft/"
            )


def _year(option: str, text: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except ValueError as error:
        raise CommandError(f"{option}: {error}") from None
