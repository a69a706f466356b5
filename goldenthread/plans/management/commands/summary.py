import json

from django.core.management.base import BaseCommand

from goldenthread.plans.models import Status
from goldenthread.plans.options import delivery_plan_from
from goldenthread.plans.summary import delivery_summary
from goldenthread.web.options import add_partnership_and_year


class Command(BaseCommand):
    help = "A delivery year's actions by status, the report's claim and where they disagree."

    def add_arguments(self, parser):
        add_partnership_and_year(parser)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        summary = delivery_summary(delivery_plan_from(options))
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2))
        else:
            self.stdout.write("\n".join(readable(summary)))


def readable(summary: dict) -> list[str]:
    claimed = summary["claimed"] or {}
    rows = [("Actions", summary["actions"], claimed.get("actions"))]
    for status in Status:
        said = claimed.get(status.value) if status.value in claimed else None
        rows.append((status.label, summary["by_status"][status.value], said))
    rows.append(("Not known", len(summary["not_known"]), None))
    width = max(len(label) for label, _, _ in rows)
    lines = [f"Delivery plan {summary['year']} ({summary['partnership']})", ""]
    lines.append(f"{'':<{width}}  {'tables':>6}  {'report says':>11}")
    for label, found, said in rows:
        lines.append(f"{label:<{width}}  {found:>6}  {'' if said is None else said:>11}")
    if summary["not_known"]:
        lines += ["", "Status not known: " + ", ".join(summary["not_known"])]
    if summary["discrepancies"]:
        lines += ["", "Where the report disagrees with its tables:"]
        lines += [f"- {sentence}" for sentence in summary["discrepancies"]]
    return lines
