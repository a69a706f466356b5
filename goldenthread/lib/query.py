"""Reading a query string's values: one place, so that no page or API answer fails on
what a visitor typed into its address.

``str.isdigit`` is true of "²" and "١٢", which ``int`` refuses or reads as another
number: a page that checked with the one and converted with the other answered 500.
"""

from __future__ import annotations

# Longer than any aim, objective or page number; short enough to be an int anywhere.
MAX_DIGITS = 9


class BadQuery(ValueError):
    """A query value that is not what its parameter takes: 400 in the API, ignored or
    404 on a page."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def whole_number(value: str | None, parameter: str) -> int | None:
    """``value`` as a whole number of ASCII digits (an aim's number, a page), None when
    it is missing or blank; ``BadQuery`` naming ``parameter`` otherwise."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS):
        raise BadQuery(parameter, f"Give {parameter} as a whole number, such as 2.")
    return int(value)
