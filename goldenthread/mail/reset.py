"""Django's password-reset email, sent later through the outbox; and the reset itself
run on the worker, so that the page answers alike whether or not the address has an
account (no lookup, no mail, nothing that takes longer for a real account)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django_tasks import task

from .outbox import send_later


class SendLater:
    """For a form of Django's (PasswordResetForm): its email goes to the outbox."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        send_later(message)


class ResetLater(SendLater, PasswordResetForm):
    pass


@task()
def send_password_reset(
    email: str,
    domain: str,
    use_https: bool,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None = None,
) -> None:
    """Email a reset link to each active account with this address, if any."""
    form = ResetLater({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
        )
