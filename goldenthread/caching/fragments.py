"""Parts of a partnership's pages for signed-in readers, and the evaluations behind them,
cached under the page's key (keys.py) with a name of their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .keys import has_version, key, key_across_partnerships
from .pages import cache

T = TypeVar("T")
MISSING = object()


def remembered(
    request: HttpRequest, name: str, compute: Callable[[], T], *, personal: bool = False
) -> T:
    """``compute()``, or what it gave for this page, reader and data version before.

    ``personal``: what it gives depends on who reads (the actions they lead), not only on
    what their role lets them see. Outside a partnership's page it is simply computed.
    """
    if not has_version(request):
        return compute()
    return _kept(key(request, f"evaluation:{name}", personal=personal), compute)


def remembered_across_partnerships(request: HttpRequest, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` for an answer spanning the partnerships the reader may read (the
    API's lists), kept under their versions (``keys.key_across_partnerships``)."""
    return _kept(key_across_partnerships(request, f"evaluation:{name}"), compute)


def _kept(named: str, compute: Callable[[], T]) -> T:
    found = cache().get(named, MISSING)
    if found is not MISSING:
        return found
    value = compute()
    cache().set(named, value)
    return value


DEFERRED = "deferred_parts"


class Deferred:
    """What only a page's ``{% cached %}`` parts show: computed at most once, and not at
    all when every part comes from the cache."""

    def __init__(self, compute: Callable[[], dict]) -> None:
        self.compute = compute
        self.computed: dict | None = None

    def values(self) -> dict:
        if self.computed is None:
            self.computed = self.compute()
        return self.computed


def render_parts(
    request: HttpRequest, template_name: str, context: dict, parts: Callable[[], dict]
) -> HttpResponse:
    """``render()``, with ``parts()`` giving the context of the page's cached parts only
    when one of them is rendered afresh. ``context`` is what the rest of the page needs."""
    return render(request, template_name, {**context, DEFERRED: Deferred(parts)})
