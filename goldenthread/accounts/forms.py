"""Django's own account forms, dressed in GOV.UK Frontend's classes."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms


class GovukFields:
    """Give every input the GOV.UK class and the autocomplete hint browsers expect."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-input govuk-!-width-two-thirds")
            if isinstance(field.widget, forms.PasswordInput):
                field.help_text = ""  # said once, in the page's own words, not Django's list


class ResetForm(GovukFields, auth_forms.PasswordResetForm):
    pass


class NewPasswordForm(GovukFields, auth_forms.SetPasswordForm):
    pass


class ChangePasswordForm(GovukFields, auth_forms.PasswordChangeForm):
    pass
