"""Options the commands share: which partnership, which financial year."""

from __future__ import annotations

from argparse import ArgumentParser

from django.core.management.base import CommandError

from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership


def add_partnership_and_year(parser: ArgumentParser) -> None:
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
    """The partnership a command's ``--partnership`` names, or the only one there is."""
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


def _known() -> str:
    slugs = ", ".join(Partnership.objects.values_list("slug", flat=True))
    return f"Known partnerships: {slugs}." if slugs else ""
