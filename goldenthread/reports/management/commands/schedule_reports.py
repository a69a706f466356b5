from django.core.management.base import BaseCommand
from django.utils import timezone

from goldenthread.reports.tasks import schedule_monthly_scorecards


class Command(BaseCommand):
    help = (
        "Queue the monthly scorecard for the background worker (goldenthread db_worker), "
        "unless it is queued already. It then queues each next month itself."
    )

    def handle(self, *args, **options):
        result = schedule_monthly_scorecards()
        if result is None:
            self.stdout.write("The monthly scorecard is already queued.")
        else:
            when = timezone.localtime(result.task.run_after).strftime("%-d %B %Y at %H:%M")
            self.stdout.write(f"The monthly scorecard will be published on {when}.")
