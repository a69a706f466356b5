import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from goldenthread.factcheck.check import check_passages
from goldenthread.factcheck.findings import Finding
from goldenthread.factcheck.reading import NarrativeError, read_passages
from goldenthread.plans.models import DeliveryPlan
from goldenthread.web.options import financial_year, partnership_from


class Command(BaseCommand):
    help = (
        "Check the numeric claims of a report's narrative (text, Markdown or Word .docx) "
        "against the partnership's data: counts of actions by status, indicator values, "
        "comparisons with England, the region or neighbours, and changes between "
        "percentages. Prints each finding; exits 1 when there is any, 0 when none. "
        "For Word the line is the paragraph's number."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the narrative: .txt, .md or .docx")
        parser.add_argument(
            "--partnership", metavar="SLUG", help="which partnership (needed if there are several)"
        )
        parser.add_argument(
            "--year", help="the financial year, such as 2014/15 (the latest if not given)"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: str, **options: Any) -> None:
        # Exit 1 means findings: a command that could not check exits 2.
        try:
            partnership = partnership_from(options["partnership"])
            year = financial_year(options["year"]) if options["year"] else None
            if year and DeliveryPlan.objects.for_year(partnership, year) is None:
                raise CommandError(f"--year: {partnership} has no delivery plan for {year}.")
            passages = read_passages(Path(options["file"]))
        except (CommandError, NarrativeError) as error:
            raise CommandError(str(error), returncode=2) from None
        findings = check_passages(passages, partnership=partnership, year=year)
        if options["json"]:
            self.stdout.write(json.dumps({"findings": [f.as_dict() for f in findings]}, indent=2))
        else:
            self.stdout.write("\n".join(readable(options["file"], findings)))
        if findings:
            raise SystemExit(1)


def readable(name: str, findings: list[Finding]) -> list[str]:
    if not findings:
        return [f"{name}: no claim the data disagrees with."]
    lines = [f"{name}: {len(findings)} finding{'s' if len(findings) != 1 else ''}", ""]
    for finding in findings:
        lines += [
            f"Line {finding.line}: {finding.text}",
            f"  Claim:      {finding.claim}",
            f"  The data:   {finding.data}",
            f"  Suggestion: {finding.suggestion}",
            "",
        ]
    return lines
