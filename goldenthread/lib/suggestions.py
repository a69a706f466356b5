"""The nearest known code to a mistyped one, for messages such as "did you mean …?"."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from functools import lru_cache

# How alike two codes must be (difflib's ratio) for one to be offered for the other:
# "ks2-rmw" for "ks2-rwm" is, "neet" for "ks2-rwm" is not.
CUTOFF = 0.75


def nearest_code(text: str, known: Collection[str]) -> str | None:
    """The known code most like ``text``, ignoring case, or None if none is close."""
    if not text or not known:
        return None
    return _nearest(text.casefold(), tuple(known))


# A file often repeats one mistake on many rows, and there may be thousands of areas:
# each (mistake, codes) pair is worked out once.
@lru_cache(maxsize=32)
def _nearest(text: str, known: tuple[str, ...]) -> str | None:
    by_folded = {code.casefold(): code for code in known}
    found = difflib.get_close_matches(text, list(by_folded), n=1, cutoff=CUTOFF)
    return by_folded[found[0]] if found else None
