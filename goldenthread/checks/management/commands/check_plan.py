import json
import sys

from django.core.management.base import BaseCommand, CommandError

from goldenthread.checks.findings import Finding, grouped
from goldenthread.checks.rules import check_plan, delivery_plan_to_check
from goldenthread.lib.wording import counted
from goldenthread.web.options import financial_year, partnership_from


class Command(BaseCommand):
    help = (
        "What a reviewer would send back before the plan is approved. Exits with status 1 "
        "when there is anything, so a script can stop an approval on it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--partnership", metavar="SLUG", help="which partnership (needed if there are several)"
        )
        parser.add_argument(
            "--year",
            help="the delivery plan's financial year, such as 2014/15 (the latest if not given)",
        )
        parser.add_argument("--json", action="store_true", help="print a JSON list of findings")

    def handle(self, *args, **options):
        partnership = partnership_from(options["partnership"])
        year = financial_year(options["year"]) if options["year"] else None
        delivery_plan = delivery_plan_to_check(partnership, year)
        if delivery_plan is None:
            raise CommandError(
                f"{partnership.name} has no delivery plan"
                + (f" for {year}." if year else " yet: import one first.")
            )
        findings = check_plan(delivery_plan)
        if options["json"]:
            self.stdout.write(json.dumps([f.as_dict() for f in findings], indent=2))
        else:
            self.stdout.write("\n".join(readable(delivery_plan, findings)))
        if findings:
            sys.exit(1)


def readable(delivery_plan, findings: list[Finding]) -> list[str]:
    lines = [f"Plan quality check: {delivery_plan.plan}, delivery plan {delivery_plan.year}"]
    if not findings:
        return [*lines, "", "Nothing to send back: every rule passed."]
    errors = sum(1 for f in findings if f.severity == "error")
    lines.append(
        f"{counted(len(findings), 'finding')}: {errors} to put right, "
        f"{len(findings) - errors} to consider."
    )
    for rule, found in grouped(findings):
        if not found:
            continue
        lines += ["", f"{rule.title} ({rule.severity}, {len(found)})"]
        for finding in found:
            lines.append(f"  - {finding.location}")
            if finding.words and finding.words != finding.where:
                lines.append(f"    “{finding.words}”")
            lines.append(f"    {finding.why}")
    return lines
