"""Parts that apps above a page add to it.

A page leaves a named place (a slot) and each app that has something to show there adds
its own template when it is ready (``AppConfig.ready``): an action's page shows the
board meetings it is on and the priorities its objective serves without the plans app
including the boards' or the strategy's templates. The part is drawn with the page's
context. Dependencies point down, as for the navigation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    slot: str
    position: int
    template: str


_parts: dict[tuple[str, str], Part] = {}


def add_part(part: Part) -> None:
    """Add (or, by its slot and template, replace) a part of a page."""
    _parts[part.slot, part.template] = part


def parts_in(slot: str) -> list[Part]:
    return sorted((part for part in _parts.values() if part.slot == slot), key=lambda p: p.position)
