"""API tokens: made and revoked by a person on their account page, kept only as a hash.

The token itself is shown once, when it is made; the database holds its SHA-256 digest,
so a copy of the database gives nobody a way in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterator

from django.conf import settings
from django.db import OperationalError, connection, models, transaction
from django.utils import timezone

PREFIX = "gt_"
HINT_LENGTH = 4  # the last characters, shown to tell a person's tokens apart
# How long noting a token's use may wait for another writer before giving up.
BUSY_WAIT = dt.timedelta(milliseconds=200)

LOGGER = logging.getLogger(__name__)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def live(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def record_use(self, pk: int, when: dt.datetime) -> None:
        """Note that a token was used, unless the database is busy: a token's last use is
        worth a glance, never a wait, and the next use will note it."""
        try:
            with waiting_at_most(BUSY_WAIT):
                self.filter(pk=pk).update(last_used_at=when)
        except OperationalError as error:  # SQLite "database is locked", a lock timeout
            LOGGER.info("Token %s's use not recorded, the database being busy: %s", pk, error)


@contextlib.contextmanager
def waiting_at_most(wait: dt.timedelta) -> Iterator[None]:
    """Writes inside wait at most ``wait`` for another transaction's lock, then fail."""
    milliseconds = int(wait.total_seconds() * 1000)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            before = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(before)}")
    elif connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {milliseconds}")
            yield
    else:
        yield


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What uses it, such as “Power BI”.")
    # The last characters, so that a person can tell their tokens apart; the first are
    # the same "gt_" on every token.
    hint = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} (…{self.hint})" if self.hint else self.name

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        """A new token for the user: the record, and the token to show them once."""
        token = PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(
            user=user, name=name, hint=token[-HINT_LENGTH:], digest=digest(token)
        ), token

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
