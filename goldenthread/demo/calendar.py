"""The demo's calendar: the one place that says when the demo is, and what it spans.

The demo is Thurrock's real plan for 2014/15, so it is dated as it was, never moved to
today. It is shown as at ``AS_AT``: the 2014/15 year has just ended (the annual report's
words are its year-end updates, dated 31 March 2015), the Q4 round is open, the 2015/16
delivery plan is a draft, and the boards' meetings before that day have been held and
those after it are scheduled. Every date the demo makes falls within ``SPAN``: the
plan's year and the next.

goldenthread itself counts from the real today (a round's deadline, whether a meeting is
coming), so in the demo's rounds and meetings the days after ``AS_AT`` show as passed;
every page of the demo partnership says so (``notice.py``).
"""

from __future__ import annotations

import datetime as dt

from goldenthread.lib.periods import FinancialYear

PLAN_YEAR = FinancialYear(2014)
AS_AT = dt.date(2015, 4, 14)
SPAN = (PLAN_YEAR.first_day, PLAN_YEAR.next().last_day)  # 1 April 2014 to 31 March 2016


def in_span(day: dt.date) -> bool:
    """Whether a date the demo gives falls within its calendar."""
    return SPAN[0] <= day <= SPAN[1]


def has_happened(day: dt.date) -> bool:
    """Whether, as at the demo's day, this day has come."""
    return day <= AS_AT
