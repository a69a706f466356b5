"""LAIT's list of LA numbers (``la_code_list.xlsx``: LA Number, LA Name, Region, Type):
numbers only, no ONS codes, so each is matched to a stored authority by its name."""

from __future__ import annotations

import re
from pathlib import Path

from goldenthread.areas.models import Area
from goldenthread.lib.tables import Problems, Table

from .base import Summary, la_number

COLUMNS = ["la number", "la name", "region", "type"]
LEGACY = re.compile(r"\s*\(pre lg\)\s*$", re.IGNORECASE)  # kept for history by LAIT
# Words one list has and another not: "Herefordshire, County of", "Bedford Borough".
STYLE = re.compile(r"\b(city of|county of|borough)\b")
NOT_AN_AUTHORITY = "NA"  # England and the regions


def normalised(name: str) -> str:
    """A name as it is compared: "&" as "and", no case, punctuation or extra spaces,
    LAIT's "(Pre LG)" mark and the style words of a title ("Herefordshire, County of",
    "Bedford Borough") dropped."""
    name = LEGACY.sub("", name).lower().replace("&", " and ")
    return " ".join(STYLE.sub(" ", re.sub(r"[^a-z0-9 ]", " ", name)).split())


def import_la_list(path: Path, summary: Summary) -> None:
    """Gives an authority matched by name the LA number it lacks; one whose stored
    number differs, or whose name matches no authority, is reported, not changed."""
    table = Table(path, required=COLUMNS, optional=[], others_allowed=True)
    problems, unmatched = Problems(), []
    by_name: dict[str, list[Area]] = {}
    for area in Area.objects.filter(kind=Area.Kind.LOCAL_AUTHORITY):
        by_name.setdefault(normalised(area.name), []).append(area)
    for number, row in table.records():
        if row["type"].strip().upper() == NOT_AN_AUTHORITY:
            continue
        digits = la_number(number, "la number", row["la number"].strip(), problems)
        if digits is None:
            continue
        name = row["la name"].strip()
        outcome = _match(by_name.get(normalised(name), []), digits, bool(LEGACY.search(name)))
        if outcome == "unmatched":
            unmatched.append(f"{name} ({digits})")
        else:
            summary.count("LA number", outcome)
    problems.raise_for(path.name)
    if unmatched:
        summary.notes.append(
            f"no stored authority matched {len(unmatched)}: {', '.join(unmatched)}"
        )


def _match(candidates: list[Area], digits: str, legacy: bool) -> bool | None | str:
    """None: an authority of that name has the number already; False: the one of that
    name without a number gets it; "unmatched" otherwise (none, several, or numbers
    that differ). A legacy row matches only an abolished authority."""
    if legacy:
        candidates = [area for area in candidates if area.valid_to is not None]
    if any(area.la_number == digits for area in candidates):
        return None
    numberless = [area for area in candidates if not area.la_number]
    if len(numberless) != 1:
        return "unmatched"
    numberless[0].la_number = digits
    numberless[0].save(update_fields=["la_number"])
    return False
