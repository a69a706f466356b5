from django.core.management.base import BaseCommand
from django.utils import timezone

from goldenthread.indicators.tasks import refresh_due, schedule_fingertips_refresh


class Command(BaseCommand):
    help = (
        "Fetch from Fingertips every indicator opted in to the monthly refresh that is due; "
        "or, with --schedule, have the background worker do it every day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily refresh for the worker (goldenthread db_worker), once",
        )

    def handle(self, *args, **options):
        if options["schedule"]:
            self.schedule()
            return
        refreshed = refresh_due()
        for subscription in refreshed:
            outcome = subscription.last_error or subscription.last_result
            self.stdout.write(f"{subscription.indicator.code}: {outcome}")
        if not refreshed:
            self.stdout.write("No indicator is due a Fingertips refresh.")

    def schedule(self):
        result = schedule_fingertips_refresh()
        if result is None:
            self.stdout.write("The daily Fingertips refresh is already queued.")
        else:
            when = timezone.localtime(result.task.run_after).strftime("%-d %B %Y at %H:%M")
            self.stdout.write(f"The Fingertips refresh will next run on {when}.")
