"""Moving through a page with the keyboard alone, as someone who cannot use a mouse."""

from __future__ import annotations

# Enough for the longest page's links before the element we want.
MOST_TABS = 400


def tab_to(page, selector: str) -> None:
    """Press Tab until ``selector`` has the focus; fail if the keyboard cannot reach it."""
    target = page.locator(selector).first
    target.wait_for(state="attached")
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def choose(page, selector: str, option: str) -> None:
    """Pick an option of a select by typing its first words, as a keyboard user does."""
    tab_to(page, selector)
    page.keyboard.type(option)


def fill(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)
