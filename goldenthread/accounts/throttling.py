"""Rate limits: sign-in and password reset by address, the API by token (api/throttles.py).

One machinery for all of them. A limit is a rate such as ``10/minute``, or several
(``10/minute,60/hour``), set in THROTTLE_RATES from the environment (docs/security.md).
The counts are kept in the ``throttle`` cache, which every process of a server shares
(files under var/ unless THROTTLE_CACHE says otherwise): a limit per process would be a
limit times the number of processes.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from goldenthread.audit.context import client_address

CACHE = "throttle"
UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Rate:
    """At most ``requests`` in any ``seconds``."""

    requests: int
    seconds: int


@functools.cache
def parse_rates(text: str) -> tuple[Rate, ...]:
    """``10/minute,60/hour`` as rates; ImproperlyConfigured, saying why, for anything else."""
    rates = []
    for part in text.split(","):
        count, _, unit = part.strip().partition("/")
        unit = unit.strip().lower().removesuffix("s")
        if not count.strip().isdigit() or int(count) < 1 or unit not in UNITS:
            raise ImproperlyConfigured(
                f"{text!r} is not a rate: write a number of requests per second, minute, "
                "hour or day, such as 10/minute, or several separated by commas."
            )
        rates.append(Rate(int(count), UNITS[unit]))
    return tuple(rates)


def rates_for(scope: str) -> tuple[Rate, ...]:
    return parse_rates(settings.THROTTLE_RATES[scope])


def wait_before(scope: str, who: str, now: float | None = None) -> int | None:
    """Count one request by ``who`` in ``scope``: None if it is within the scope's rates,
    else how many whole seconds until the next one would be. A refused request is not
    counted, so that waiting is always enough."""
    rates = rates_for(scope)
    now = time.time() if now is None else now
    longest = max(rate.seconds for rate in rates)
    # Hashed: the keys hold no address or token, and suit every cache backend.
    key = f"{scope}:{hashlib.sha256(who.encode()).hexdigest()[:32]}"
    cache = caches[CACHE]
    history = [moment for moment in cache.get(key, []) if moment > now - longest]
    waits = []
    for rate in rates:
        recent = [moment for moment in history if moment > now - rate.seconds]
        if len(recent) >= rate.requests:
            waits.append(recent[-rate.requests] + rate.seconds - now)
    if waits:
        return max(1, math.ceil(max(waits)))
    # Newest last; only as many as the largest rate needs. Two processes counting at the
    # same instant may lose one count between them, which a limit can afford.
    keep = max(rate.requests for rate in rates)
    cache.set(key, [*history, now][-keep:], timeout=longest)
    return None


def in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def too_many_requests(request: HttpRequest, wait: int, what: str) -> HttpResponse:
    """The page for a refused form: 429, with Retry-After for programs."""
    response = render(
        request,
        "registration/throttled.html",
        {"what": what, "wait": in_words(wait)},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def throttled_by_address(scope: str, what: str) -> Callable:
    """Decorate a form's view: its submissions from one address are limited to the
    scope's rates. ``what`` names the form for the page, such as "sign in"."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method == "POST":
                wait = wait_before(scope, client_address(request) or "unknown")
                if wait is not None:
                    return too_many_requests(request, wait, what)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
