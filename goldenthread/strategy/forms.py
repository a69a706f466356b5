from __future__ import annotations

from django import forms
from django.utils import timezone

GOVUK_INPUT = {"class": "govuk-input govuk-input--width-10"}


class VersionForm(forms.Form):
    version = forms.CharField(
        max_length=20, help_text="For example, 0.3 or 1.0.", widget=forms.TextInput(GOVUK_INPUT)
    )
    reason = forms.CharField(
        label="Change or reason for change",
        max_length=2000,
        widget=forms.Textarea({"class": "govuk-textarea", "rows": 3}),
    )


class ApprovalForm(forms.Form):
    body = forms.CharField(
        label="Approving body",
        max_length=200,
        help_text="For example, Health and Wellbeing Board.",
        widget=forms.TextInput({"class": "govuk-input"}),
    )
    date = forms.DateField(
        label="Date approved",
        help_text="For example, 27/03/2014.",
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y"],
        widget=forms.DateInput(GOVUK_INPUT),
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date approved must be today or in the past.")
        return date
