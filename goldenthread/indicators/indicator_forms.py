"""The forms a manager defines, retires and links an indicator with."""

from __future__ import annotations

from django import forms

from goldenthread.plans.models import Action, Objective

from .indicator_edits import DEFINITION
from .models import Indicator

NARROW = {"class": "govuk-input--width-10"}
SHORT = {"class": "govuk-input--width-5"}
CHOOSE = ["unit", "polarity", "period_type"]
# Indicator pages are /indicators/<code>/: these would be taken for other pages.
RESERVED = {"add", "upload"}


class IndicatorForm(forms.ModelForm):
    """An indicator's definition; its code only when it is added, since files of values
    name it by its code (other names go in its aliases)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = DEFINITION
        labels = {
            "code": "Code",
            "aliases": "Other names (optional)",
            "definition": "Definition (optional)",
            "source": "Source (optional)",
            "owner": "Owner (optional)",
            "per": "Rate per (for a rate)",
            "unit_label": "Words for the unit (optional)",
            "comparison": "How it is compared with England and the region",
            "decimals": "Decimal places shown",
            "tolerance": "Amber tolerance (% of the target)",
            "update_cycle": "Update cycle in months (optional)",
            "external_id": "Fingertips indicator ID (optional)",
            "measure_kind": "Kind of measure (optional)",
            "performance_question": "The question a performance measure answers",
        }
        help_texts = {
            "code": "Lower-case letters, numbers and hyphens, such as ks2-rwm. Files of values "
            "name the indicator by it; it cannot be changed later.",
        }
        widgets = {
            "code": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
            "aliases": forms.Textarea(attrs={"rows": 3}),
            "definition": forms.Textarea(attrs={"rows": 4}),
            "unit_label": forms.TextInput(attrs=NARROW),
            "decimals": forms.NumberInput(attrs=SHORT),
            "tolerance": forms.NumberInput(attrs={**SHORT, "step": "any"}),
            "update_cycle": forms.NumberInput(attrs=SHORT),
            "external_id": forms.TextInput(attrs=NARROW),
            "measure_kind": forms.RadioSelect,
            "performance_question": forms.RadioSelect,
        }
        error_messages = {
            "code": {
                "required": "Enter the indicator's code, such as ks2-rwm",
                "invalid": "Use only lower-case letters, numbers and hyphens in the code",
                "unique": "Another indicator already has this code",
            },
            "title": {"required": "Enter the indicator's title"},
            "unit": {"required": "Choose the indicator's unit"},
            "polarity": {"required": "Choose whether higher or lower is better"},
            "period_type": {"required": "Choose the periods its values are for"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Words for the empty choice, in place of Django's dashes.
        for name, words in [
            ("per", "Not a rate"),
            *[(n, "Choose one") for n in CHOOSE],
            ("measure_kind", "Not classified"),
            ("performance_question", "None"),
        ]:
            field = self.fields[name]
            field.choices = [("", words), *[c for c in field.choices if c[0] != ""]]
        if self.instance.pk:
            del self.fields["code"]
            self.fields["version"].required = True
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().lower()
        if code in RESERVED:
            raise forms.ValidationError(f"{code} names a page of the site: choose another code")
        return code

    def clean(self) -> dict:
        data = super().clean()
        if data.get("unit") == "rate" and not data.get("per"):
            self.add_error("per", "Choose what the rate is per, such as per 10,000")
        return data

    def definition(self) -> dict:
        return {name: self.cleaned_data[name] for name in DEFINITION if name in self.fields}


class RetireForm(forms.Form):
    retired_on = forms.DateField(
        label="Retired from",
        help_text="For example, 01/04/2016. Its values and targets are kept.",
        widget=forms.DateInput(attrs=NARROW),
        error_messages={
            "required": "Enter the date it is no longer measured from, such as 01/04/2016",
            "invalid": "Enter the date as a date, such as 01/04/2016",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RestoreForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class LinkForm(forms.Form):
    """Which of the partnership's objectives and actions the indicator measures."""

    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    actions = forms.ModelMultipleChoiceField(
        queryset=Action.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = Objective.objects.filter(
            aim__plan__partnership=partnership
        ).select_related("aim__plan")
        self.fields["actions"].queryset = Action.objects.filter(
            delivery_plan__plan__partnership=partnership
        ).select_related("delivery_plan__plan", "objective")
