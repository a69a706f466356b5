"""django-axes' records of failed sign-ins, without needless writes on a good sign-in.

On SQLite every write, even one that deletes nothing, takes the database's one write lock
and waits its turn behind an import. A successful sign-in deleted its expired and earlier
failed attempts even when there were none: two waits for nothing. Here it looks first.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.http import HttpRequest


class LockoutRecords(AxesDatabaseHandler):
    def clean_expired_user_attempts(
        self, request: HttpRequest | None = None, credentials: dict | None = None
    ) -> int:
        if not AccessAttempt.objects.exists():
            return 0
        return super().clean_expired_user_attempts(request, credentials)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        if not any(
            attempts.exists() for attempts in self.filter_user_attempts(request, credentials)
        ):
            return 0
        return super().reset_user_attempts(request, credentials)
