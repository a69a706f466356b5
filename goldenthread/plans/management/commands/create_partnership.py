from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from goldenthread.partnerships.models import Visibility
from goldenthread.plans.setup import set_up_partnership


def plan_years(text: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in text.replace("–", "-").split("-"))
    except ValueError:
        raise CommandError(f"--plan-years {text!r}: write the plan's years as 2013-2016.") from None
    return start, end


class Command(BaseCommand):
    help = "Create a partnership, its area and its multi-year plan (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Thurrock Children's Partnership")
        parser.add_argument("--slug", required=True, help="used in addresses: thurrock")
        parser.add_argument("--area-code", required=True, help="ONS code, such as E06000034")
        parser.add_argument("--area-name", required=True, help="Thurrock")
        parser.add_argument("--plan", required=True, help="the plan's title")
        parser.add_argument("--plan-years", required=True, help="2013-2016")
        parser.add_argument(
            "--visibility",
            choices=Visibility.values,
            default=Visibility.PARTNERS,
            help="who may read it: its managers (private), everyone with a role in it "
            "(partners, the default) or anyone (public)",
        )

    def handle(self, *args, **options):
        start, end = plan_years(options["plan_years"])
        try:
            partnership, plan = set_up_partnership(
                name=options["name"],
                slug=options["slug"],
                area_code=options["area_code"],
                area_name=options["area_name"],
                plan_title=options["plan"],
                plan_start_year=start,
                plan_end_year=end,
                visibility=options["visibility"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{partnership.name} ({partnership.slug}): {plan.title}")
