from django import forms

from .context import Source
from .trail import kinds

DATE = {"class": "govuk-input--width-10", "type": "date"}


class TrailFilterForm(forms.Form):
    who = forms.CharField(
        label="Who", required=False, help_text="Part of a name, username or email address"
    )
    source = forms.ChoiceField(
        label="From", required=False, choices=[("", "Anywhere"), *Source.choices]
    )
    kind = forms.ChoiceField(label="Kind of item", required=False)
    since = forms.DateField(label="From date", required=False, widget=forms.DateInput(attrs=DATE))
    until = forms.DateField(label="To date", required=False, widget=forms.DateInput(attrs=DATE))
    words = forms.CharField(label="Words in the item or its values", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *kinds()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            self.add_error("until", "The to date must be on or after the from date")
        return cleaned
