"""`Authorization: Bearer <token>` for programs; the browser's session works too."""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

from django.utils import timezone
from rest_framework import authentication, exceptions

from .models import ApiToken, digest

# Recording every use would make every read a write; to the quarter hour is enough to
# tell a token in use from one to revoke.
USE_RECORDED_EVERY = dt.timedelta(minutes=15)

# The token whose use to record once the response has gone (api/apps.py connects
# record_after_response to request_finished): never inside the request's transaction,
# and never making the caller wait for the database's write lock.
_used: ContextVar[tuple[int, dt.datetime] | None] = ContextVar("api_token_used", default=None)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token after “Bearer ”, with no spaces.")
        token = (
            ApiToken.objects.live()
            .select_related("user")
            .filter(digest=digest(header[1].decode(errors="replace")))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("This token is not known, or has been revoked.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
            _used.set((token.pk, now))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


def record_after_response(**kwargs: object) -> None:
    """On request_finished: record the token's use, if it is due."""
    used = _used.get()
    if used is not None:
        _used.set(None)
        ApiToken.objects.record_use(*used)
