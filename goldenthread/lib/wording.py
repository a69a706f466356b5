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
