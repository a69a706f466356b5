"""Narrative checked against the data.

The interface the report's publishing step and the ``fact_check`` command share; its
readers of claims are being written (issue 17).
"""

from __future__ import annotations

from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Partnership

from .findings import Finding


def check_text(
    text: str, *, partnership: Partnership, year: FinancialYear | None = None
) -> list[Finding]:
    """Every numeric claim in ``text`` that the partnership's data for ``year`` does not
    bear out (the latest year when none is given), in the order they appear."""
    return []
