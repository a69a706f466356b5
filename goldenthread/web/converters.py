"""A financial year in a URL, as ``2014-15``: views receive a ``FinancialYear``."""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.lib.periods import FinancialYear


class FinancialYearConverter:
    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> FinancialYear:
        # A ValueError (2014-16 is no year) makes the URL not match: a 404.
        return FinancialYear.parse(value)

    def to_url(self, value: FinancialYear | str) -> str:
        return value.slug if isinstance(value, FinancialYear) else str(value)


def one_of(choices: Iterable[str]) -> type:
    """A converter for one of a fixed set of words, such as a report's formats."""
    words = sorted(choices, key=len, reverse=True)

    class OneOf:
        regex = "|".join(words)

        def to_python(self, value: str) -> str:
            return value

        def to_url(self, value: str) -> str:
            return value

    return OneOf
