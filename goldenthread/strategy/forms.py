from __future__ import annotations

from django import forms
from django.utils import timezone

NARROW = {"class": "govuk-input--width-10"}


class VersionForm(forms.Form):
    version = forms.CharField(
        max_length=20, help_text="For example, 0.3 or 1.0.", widget=forms.TextInput(NARROW)
    )
    reason = forms.CharField(
        label="Change or reason for change",
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )


class ApprovalForm(forms.Form):
    body = forms.CharField(
        label="Approving body",
        max_length=200,
        help_text="For example, Health and Wellbeing Board.",
    )
    date = forms.DateField(
        label="Date approved",
        help_text="For example, 27/03/2014.",
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y"],
        widget=forms.DateInput(NARROW),
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date approved must be today or in the past.")
        return date
