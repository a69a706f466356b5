from django import forms

from goldenthread.plans.forms import GOVUK_INPUT, GOVUK_SELECT

from .models import SOURCES
from .trail import kinds

DATE = {"class": "govuk-input govuk-input--width-10", "type": "date"}


class TrailFilterForm(forms.Form):
    who = forms.CharField(label="Who", required=False, widget=forms.TextInput(attrs=GOVUK_INPUT),
                          help_text="Part of a name, username or email address")  # fmt: skip
    source = forms.ChoiceField(label="From", required=False, widget=forms.Select(attrs=GOVUK_SELECT),
                               choices=[("", "Anywhere"), *SOURCES])  # fmt: skip
    kind = forms.ChoiceField(label="Kind of item", required=False,
                             widget=forms.Select(attrs=GOVUK_SELECT))  # fmt: skip
    since = forms.DateField(label="From date", required=False, widget=forms.DateInput(attrs=DATE))
    until = forms.DateField(label="To date", required=False, widget=forms.DateInput(attrs=DATE))
    words = forms.CharField(label="Words in the item or its values", required=False,
                            widget=forms.TextInput(attrs=GOVUK_INPUT))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *kinds()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            self.add_error("until", "The to date must be on or after the from date")
        return cleaned
