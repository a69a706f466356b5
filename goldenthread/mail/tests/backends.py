"""Email backends for tests: a mail server that refuses some addresses."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED: set[str] = set()


class RefusingBackend(EmailBackend):
    """Django's test outbox, but a message to an address in REFUSED fails as a server's
    refusal would."""

    def send_messages(self, messages):
        for message in messages:
            refused = [to for to in message.recipients() if any(r in to for r in REFUSED)]
            if refused:
                raise smtplib.SMTPRecipientsRefused(
                    dict.fromkeys(refused, (550, b"No such mailbox"))
                )
        return super().send_messages(messages)
