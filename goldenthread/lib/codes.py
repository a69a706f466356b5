"""Codes of objectives and actions, which sort as sequences: 8.19, 8.20, 8.21.

``8.20`` is not ``8.2``: the part after the point is a sequence number, so codes are
compared part by part as whole numbers, never as decimals.

Councils number in many ways: ``1.11`` (objective 1.1's eleventh… first action),
``1.1.1``, ``1a``, ``P1.2`` (priority 1, action 2), ``A3``. A code is an optional
prefix of up to three letters, then numbers separated by points, each number perhaps
followed by a letter, or after a point a letter alone (``2A.b``). Its parts are its numbers and its letters, in order.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"^(?:[A-Za-z]{1,3}\s?)?\d+[A-Za-z]?(?:\.(?:\d+[A-Za-z]?|[A-Za-z]))*\.?$")
_NUMERIC = re.compile(r"^\d+(?:\.\d+)*$")
_PART = re.compile(r"\d+|[A-Za-z]+")


def is_code(text: str) -> bool:
    """Whether ``text`` is a code: ``8.11``, ``1.1.1``, ``1a``, ``P1.2``, ``A3``."""
    return bool(_CODE.match(text.strip()))


def is_numeric_code(text: str) -> bool:
    """Whether ``text`` is a code of numbers alone, as the seed's ``8.11``."""
    return bool(_NUMERIC.match(text.strip()))


def normal_code(text: str) -> str:
    """A code as it is kept: spaces and a trailing point (``"1."``, ``"P 1.2"``) dropped."""
    return re.sub(r"\s+", "", text.strip()).rstrip(".")


def code_parts(code: str) -> tuple[int | str, ...]:
    """``"8.20"`` → ``(8, 20)``; ``"P1.2"`` → ``("P", 1, 2)``; ``"1a"`` → ``(1, "a")``.

    Raises ValueError for text that is not a code."""
    if not is_code(code):
        raise ValueError(f"{code!r} is not a code such as 8.1, 8.11, 1.1.1, 1a or P1.2.")
    return tuple(int(part) if part.isdigit() else part for part in _PART.findall(normal_code(code)))


def number_parts(code: str) -> tuple[int, ...]:
    """``"8.20"`` → ``(8, 20)``, for a code of numbers alone; ValueError for any other."""
    if not is_numeric_code(code):
        raise ValueError(f"{code!r} is not a code such as 8.1 or 8.11.")
    return tuple(int(part) for part in code.strip().split("."))


def sort_key(code: str) -> str:
    """A string that orders codes as sequences, for use in a database column.

    Each number is zero-padded to six digits, so ``8.9`` < ``8.19`` < ``8.20`` < ``10.1``
    sort correctly as text in SQLite and PostgreSQL alike. Letters sort after numbers
    and in alphabetical order, whatever their case: ``1`` < ``1.1`` < ``1a`` < ``1b`` <
    ``2``, and codes with a prefix (``A3``, ``P1.2``) after those without, by prefix.
    """
    return ".".join(
        f"{part:06d}" if isinstance(part, int) else part.lower() for part in code_parts(code)
    )


def belongs_to_objective(
    action_code: str, objective_code: str, previous_action: str | None
) -> bool:
    """Whether an action's code places it under an objective.

    An action whose code starts with the objective's whole code and goes on belongs
    (``1.1.1`` under ``1.1``, ``1a`` under ``1``, ``P1.2`` under ``P1``). An objective
    ``8.1`` also numbers its actions ``8.11``, ``8.12``, … by appending a sequence to its
    own number; when the sequence passes 9 it runs on (``8.19``, ``8.20``, ``8.21``), so
    an action also belongs if it directly follows the objective's previous action.
    ``3.11`` among ``8.1``'s actions does not.
    """
    if not (is_code(action_code) and is_code(objective_code)):
        return False
    action, objective = code_parts(action_code), code_parts(objective_code)
    lowered = [str(p).lower() for p in action]
    if len(action) > len(objective) and lowered[: len(objective)] == [
        str(p).lower() for p in objective
    ]:
        return True
    if not (is_numeric_code(action_code) and is_numeric_code(objective_code)):
        return False
    numbers, within = number_parts(action_code), number_parts(objective_code)
    if len(numbers) != 2 or len(within) != 2 or numbers[0] != within[0]:
        return False
    if str(numbers[1]).startswith(str(within[1])) and numbers[1] > within[1]:
        return True
    if previous_action is None or not is_numeric_code(previous_action):
        return False
    previous = number_parts(previous_action)
    return previous[0] == numbers[0] and numbers[1] == previous[-1] + 1


def places_elsewhere(action_code: str, objective_code: str, previous_action: str | None) -> bool:
    """Whether an action's number says it belongs under another objective than the one
    it is listed under: both codes numbered alike (``3.17`` under ``8.1``), and the
    action not the objective's. Codes of different schemes (``A3`` under ``1.2``) say
    nothing either way."""
    if belongs_to_objective(action_code, objective_code, previous_action):
        return False
    if not (is_numeric_code(action_code) and is_numeric_code(objective_code)):
        return False
    return len(number_parts(action_code)) > 1
