"""Wording every message, page and report shares: counts with their noun, lists in words."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 action``, ``1,200 actions``: ``many`` where the plural is not ``one`` + "s",
    as in ``counted(n, "action was", "actions were")``."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def listed(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: no comma before the "and"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def amount(number: str, unit: str) -> str:
    """``1 percentage point``, ``0.5 percentage points``, ``3 per 10,000``: a number as
    shown with its unit, the unit singular where the number reads as one."""
    if unit == "percentage points" and float(number.replace(",", "")) == 1:
        unit = "percentage point"
    return f"{number} {unit}".strip()


def with_article(noun: str) -> str:
    """``a reminder``, ``an overdue reminder``: "an" before a vowel letter. Enough for
    the app's own nouns; not for "an hour" or "a user"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
