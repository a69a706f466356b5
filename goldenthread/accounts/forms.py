"""Django's own account forms, as GOV.UK Frontend draws them (web/forms.py gives the
classes; these are two-thirds wide and say nothing of Django's password rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.http import HttpRequest

from goldenthread.mail.reset import send_password_reset


class GovukFields:
    """Inputs two-thirds wide; password rules said once, in the page's own words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-!-width-two-thirds")
            if isinstance(field.widget, forms.PasswordInput):
                field.help_text = ""  # said once, in the page's own words, not Django's list


class ResetForm(GovukFields, auth_forms.PasswordResetForm):
    """Asks for a reset link; the worker looks the address up and sends the link.

    The page answers the same, in the same time, whether or not an account has the
    address: the request only queues the task, which is the same for every address.
    """

    def save(  # type: ignore[override]
        self,
        domain_override: str | None = None,
        subject_template_name: str = "registration/password_reset_subject.txt",
        email_template_name: str = "registration/password_reset_email.html",
        use_https: bool = False,
        request: HttpRequest | None = None,
        html_email_template_name: str | None = None,
        **unused: Any,
    ) -> None:
        email = self.cleaned_data["email"]
        domain = domain_override or get_current_site(request).domain
        transaction.on_commit(
            lambda: send_password_reset.enqueue(
                email,
                domain,
                use_https,
                subject_template_name,
                email_template_name,
                html_email_template_name,
            )
        )


class NewPasswordForm(GovukFields, auth_forms.SetPasswordForm):
    pass


class ChangePasswordForm(GovukFields, auth_forms.PasswordChangeForm):
    pass
