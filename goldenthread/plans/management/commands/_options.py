"""Options the plan commands share: which partnership, which financial year."""

from django.core.management.base import CommandError

from goldenthread.lib.periods import FinancialYear
from goldenthread.plans.models import DeliveryPlan, Partnership


def add_partnership_and_year(parser) -> None:
    parser.add_argument("--year", required=True, help="the financial year, such as 2014/15")
    parser.add_argument(
        "--partnership", metavar="SLUG", help="which partnership (needed if there are several)"
    )


def financial_year(text: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except ValueError as error:
        raise CommandError(f"--year: {error}") from None


def partnership_from(slug: str | None) -> Partnership:
    if slug:
        try:
            return Partnership.objects.get(slug=slug)
        except Partnership.DoesNotExist:
            raise CommandError(f"No partnership {slug!r}. {_known()}") from None
    partnerships = list(Partnership.objects.all()[:2])
    if len(partnerships) == 1:
        return partnerships[0]
    if not partnerships:
        raise CommandError("There is no partnership yet: create one with create_partnership.")
    raise CommandError(f"There are several partnerships: choose one with --partnership. {_known()}")


def delivery_plan_from(options) -> DeliveryPlan:
    partnership = partnership_from(options["partnership"])
    year = financial_year(options["year"])
    delivery_plan = partnership.delivery_plan_for(year)
    if delivery_plan is None:
        raise CommandError(f"{partnership.name} has no delivery plan for {year}.")
    return delivery_plan


def _known() -> str:
    slugs = ", ".join(Partnership.objects.values_list("slug", flat=True))
    return f"Known partnerships: {slugs}." if slugs else ""
