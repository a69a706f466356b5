"""Django's own account forms, as GOV.UK Frontend draws them (web/forms.py gives the
classes; these are two-thirds wide and say nothing of Django's password rules)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms


class GovukFields:
    """Inputs two-thirds wide; password rules said once, in the page's own words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-!-width-two-thirds")
            if isinstance(field.widget, forms.PasswordInput):
                field.help_text = ""  # said once, in the page's own words, not Django's list


class ResetForm(GovukFields, auth_forms.PasswordResetForm):
    pass


class NewPasswordForm(GovukFields, auth_forms.SetPasswordForm):
    pass


class ChangePasswordForm(GovukFields, auth_forms.PasswordChangeForm):
    pass
