"""Codes of objectives and actions, which sort as sequences: 8.19, 8.20, 8.21.

``8.20`` is not ``8.2``: the part after the point is a sequence number, so codes are
compared part by part as whole numbers, never as decimals.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"^\d+(?:\.\d+)*$")


def is_code(text: str) -> bool:
    return bool(_CODE.match(text.strip()))


def code_parts(code: str) -> tuple[int, ...]:
    """``"8.20"`` → ``(8, 20)``. Raises ValueError for text that is not a code."""
    if not is_code(code):
        raise ValueError(f"{code!r} is not a code such as 8.1 or 8.11.")
    return tuple(int(part) for part in code.strip().split("."))


def sort_key(code: str) -> str:
    """A string that orders codes as sequences, for use in a database column.

    Each part is zero-padded to six digits, so ``8.9`` < ``8.19`` < ``8.20`` < ``10.1``
    sort correctly as text in SQLite and PostgreSQL alike.
    """
    return ".".join(f"{part:06d}" for part in code_parts(code))


def belongs_to_objective(
    action_code: str, objective_code: str, previous_action: str | None
) -> bool:
    """Whether an action's code places it under an objective.

    An objective ``8.1`` numbers its actions ``8.11``, ``8.12``, … by appending a
    sequence to its own number; when the sequence passes 9 it runs on (``8.19``,
    ``8.20``, ``8.21``), so an action also belongs if it directly follows the
    objective's previous action. ``3.11`` among ``8.1``'s actions does not.
    """
    action = code_parts(action_code)
    objective = code_parts(objective_code)
    if len(action) != 2 or len(objective) != 2 or action[0] != objective[0]:
        return False
    if str(action[1]).startswith(str(objective[1])) and action[1] > objective[1]:
        return True
    if previous_action is None:
        return False
    previous = code_parts(previous_action)
    return previous[0] == action[0] and action[1] == previous[1] + 1
