"""Which of Fingertips' area types (our boundary sets) an authority is ranked in.

Fingertips publishes a new county/UA and district/UA area type each time authorities
are merged or recoded, and writes its name in an export's ``Area Type`` column. An
authority belongs to every set whose span of dates its own life overlaps: Thurrock, never
changed, to all of them; Dorset County Council (to 31 March 2019) only to the first.
The names are Fingertips' own as its exports and API write them ("County & UA (pre 4/19)",
"County & UA (4/19-3/20)", "Counties & UAs (2021/22-2022/23)", "Counties & UAs (from Apr
2023)"); its short-lived 2020/21 type follows the pattern of the 2019/20 one.
"""

from __future__ import annotations

import datetime as dt

D = dt.date
# (name, first day, last day); None: open-ended.
UPPER_TIER = [
    ("County & UA (pre 4/19)", None, D(2019, 3, 31)),
    ("County & UA (4/19-3/20)", D(2019, 4, 1), D(2020, 3, 31)),
    ("County & UA (4/20-3/21)", D(2020, 4, 1), D(2021, 3, 31)),
    ("Counties & UAs (2021/22-2022/23)", D(2021, 4, 1), D(2023, 3, 31)),
    ("Counties & UAs (from Apr 2023)", D(2023, 4, 1), None),
]
LOWER_TIER = [
    ("District & UA (pre 4/19)", None, D(2019, 3, 31)),
    ("District & UA (4/19-3/20)", D(2019, 4, 1), D(2020, 3, 31)),
    ("District & UA (4/20-3/21)", D(2020, 4, 1), D(2021, 3, 31)),
    ("Districts & UAs (2021/22-2022/23)", D(2021, 4, 1), D(2023, 3, 31)),
    ("Districts & UAs (from Apr 2023)", D(2023, 4, 1), None),
]
# By the first three characters of the ONS code: unitary authorities (E06),
# metropolitan districts (E08) and London boroughs (E09) are both tiers at once.
TIERS = {
    "E06": (UPPER_TIER, LOWER_TIER),
    "E08": (UPPER_TIER, LOWER_TIER),
    "E09": (UPPER_TIER, LOWER_TIER),
    "E10": (UPPER_TIER,),
    "E07": (LOWER_TIER,),
}


def boundary_sets_for(code: str, valid_from: dt.date | None, valid_to: dt.date | None) -> list[str]:
    """The names of the sets an authority with this code and life is ranked in."""
    return [
        name
        for spans in TIERS.get(code[:3], ())
        for name, first, last in spans
        if _overlap(first, last, valid_from, valid_to)
    ]


def _overlap(first, last, valid_from, valid_to) -> bool:
    starts_in_time = last is None or valid_from is None or valid_from <= last
    lasts_long_enough = first is None or valid_to is None or valid_to >= first
    return starts_in_time and lasts_long_enough
