"""The partnership's navigation, put together from the sections each app adds.

Each domain app adds its sections when it is ready (``AppConfig.ready``), so the shell
shows them without importing any of them: dependencies point down, from the apps to
the shell. A page says which section it belongs to with ``nav`` in its context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

# A section's link for the page being shown: (label, url), or None where it has none.
Link = Callable[[Any, Any], tuple[str, str] | None]


@dataclass(frozen=True)
class Section:
    name: str
    position: int
    link: Link  # called with the partnership and the delivery plan the page is about
    role: str | None = None  # the role needed to see it; None: anyone who reads the page


_sections: dict[str, Section] = {}


def add_section(section: Section) -> None:
    """Add (or, by its name, replace) a section of the navigation."""
    _sections[section.name] = section


def page_section(
    name: str, position: int, label: str, url_name: str, role: str | None = None
) -> Section:
    """A section that is one page of the partnership, whatever year a page is about."""

    def link(partnership: Any, delivery_plan: Any) -> tuple[str, str]:
        return label, reverse(url_name, args=[partnership.slug])

    return Section(name, position, link, role)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: section.position)
