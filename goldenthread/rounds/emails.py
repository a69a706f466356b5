"""The emails of an update round: one template of each kind, as text and as HTML."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

SUBJECTS = {
    "invitation": "{title}: please update your actions by {deadline}",
    "reminder": "Reminder – {title}: your updates are due by {deadline}",
    "overdue": "Overdue – {title}: your updates were due on {deadline}",
}


def absolute(path: str) -> str:
    """A link that works from an email, outside the site."""
    return settings.SITE_URL + path


def send(update_round, person, kind: str, actions) -> None:
    """Email one lead about their actions in the round."""
    deadline = f"{update_round.deadline:%-d %B %Y}"
    context = {
        "round": update_round,
        "person": person,
        "kind": kind,
        "actions": actions,
        "deadline": deadline,
        "partnership": update_round.partnership,
        "link": absolute(update_round.my_actions_url()),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(title=update_round.title, deadline=deadline),
        body=render_to_string("rounds/emails/round.txt", context),
        to=[f"{person.name} <{person.email}>"],
    )
    message.attach_alternative(render_to_string("rounds/emails/round.html", context), "text/html")
    message.send()
