"""A RAG rating shown by a cell's colour rather than written in it.

Many trackers colour their RAG column's cells and leave them empty. A fill colour is read
by its hue, so any council's shade of green is green; greys, whites and blacks (and pale
tints) are no rating.
"""

from __future__ import annotations

import colorsys
import re

_HEX = re.compile(r"^(?:[0-9a-fA-F]{2})?([0-9a-fA-F]{6})$")


def rag_of_colour(colour: object) -> str | None:
    """ "Red", "Amber", "Green" or "Blue" for a fill colour such as ``"00B050"`` or
    Excel's ``"FF00B050"``; None for a colour that is no rating, or no colour."""
    match = _HEX.match(colour) if isinstance(colour, str) else None
    if match is None:
        return None
    red, green, blue = (int(match[1][i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.4 or value < 0.35:
        return None
    degrees = hue * 360
    if degrees < 15 or degrees >= 340:
        return "Red"
    if degrees < 65:
        return "Amber"
    if degrees < 170:
        return "Green"
    if 180 <= degrees < 260:
        return "Blue"
    return None
