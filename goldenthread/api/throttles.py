"""The API's rate limits, through DRF's throttling: per token (or signed-in person), and
per address for anonymous callers. The counting is the sign-in throttle's
(accounts/throttling.py); a refusal is a 429 problem with Retry-After (problems.py)."""

from __future__ import annotations

from rest_framework.throttling import BaseThrottle

from goldenthread.accounts.throttling import wait_before
from goldenthread.audit.context import client_address

from .models import ApiToken


def caller(request) -> tuple[str, str]:
    """The scope and whom to count: a token on its own, a person's session, or an address."""
    if isinstance(request.auth, ApiToken):
        return "api", f"token:{request.auth.pk}"
    if request.user.is_authenticated:
        return "api", f"person:{request.user.pk}"
    return "api-anonymous", f"address:{client_address(request) or 'unknown'}"


class ApiThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        self.seconds = wait_before(*caller(request))
        return self.seconds is None

    def wait(self) -> float | None:
        return self.seconds
