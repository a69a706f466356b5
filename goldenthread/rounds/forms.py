"""Forms for opening a round and for a lead updating all their actions at once."""

from __future__ import annotations

from django import forms

from goldenthread.plans.forms import STATUS_CHOICES, confidence_field

from .models import is_quarter_of, quarter_label
from .values import FROM_COUNTS, value_problems, worked_out

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
NARROW = {"class": "govuk-input--width-10"}
DAYS = {"class": "govuk-input--width-3", "inputmode": "numeric"}


class OpenRoundForm(forms.Form):
    delivery_plan = forms.TypedChoiceField(label="Delivery plan", coerce=int)
    quarter = forms.CharField(
        label="Quarter",
        help_text="For example, Q3 2014/15",
        widget=forms.TextInput(attrs=NARROW),
        error_messages={"required": "Enter the quarter, such as Q3 2014/15"},
    )
    deadline = forms.DateField(
        label="Deadline for updates",
        input_formats=DATE_FORMATS,
        help_text="For example, 15/01/2015",
        widget=forms.DateInput(attrs=NARROW),
        error_messages={
            "required": "Enter the deadline, such as 15/01/2015",
            "invalid": "Enter the deadline as a date, such as 15/01/2015",
        },
    )
    remind_days_before = forms.IntegerField(
        label="Remind leads who have not updated, this many days before the deadline (optional)",
        required=False,
        min_value=1,
        max_value=90,
        widget=forms.TextInput(attrs=DAYS),
        error_messages={"invalid": "Enter a whole number of days, such as 3"},
    )
    overdue_days_after = forms.IntegerField(
        label="Send an overdue reminder this many days after the deadline (optional)",
        required=False,
        min_value=1,
        max_value=90,
        widget=forms.TextInput(attrs=DAYS),
        error_messages={"invalid": "Enter a whole number of days, such as 2"},
    )

    collect_values = forms.BooleanField(
        label="Also ask the owners of the plan's indicators for their values",
        help_text=(
            "Each owner is asked for the period after their indicator's latest value. "
            "Indicators without an owner are not asked about."
        ),
        required=False,
    )

    def __init__(self, *args, delivery_plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.delivery_plans = {d.pk: d for d in delivery_plans}
        self.fields["delivery_plan"].choices = [
            (d.pk, f"{d.year} delivery plan") for d in delivery_plans
        ]

    def clean_quarter(self) -> str:
        try:
            return quarter_label(self.cleaned_data["quarter"])
        except ValueError:
            raise forms.ValidationError(
                "Enter the quarter as Q1 to Q4 and a financial year, such as Q3 2014/15"
            ) from None

    def clean(self) -> dict:
        data = super().clean()
        delivery_plan = self.delivery_plans.get(data.get("delivery_plan"))
        quarter = data.get("quarter")
        if delivery_plan and quarter and not is_quarter_of(quarter, delivery_plan.year):
            self.add_error(
                "quarter",
                f"Choose a quarter of {delivery_plan.year}, such as Q3 {delivery_plan.year}",
            )
        data["delivery_plan"] = delivery_plan
        return data


class ActionUpdateRow(forms.Form):
    """One action's row on "my actions". A blank row is skipped, not an error."""

    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    confidence = confidence_field()
    commentary = forms.CharField(
        label="Progress commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_url = forms.URLField(
        label="Evidence link (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, such as https://example.org/report.pdf"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action, **kwargs):
        self.action = action
        super().__init__(*args, prefix=f"action-{action.pk}", **kwargs)
        self.fields["status"].label = f"Status of {action.code}"
        confidence = f"How confident are you that {action.code} will be delivered?"
        self.fields["confidence"].label = confidence

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not (
            data.get("status")
            or data.get("confidence")
            or data.get("commentary", "").strip()
            or data.get("evidence_url")
        )

    def clean(self) -> dict:
        data = super().clean()
        given = data.get("status") or data.get("confidence") or data.get("evidence_url")
        if given and not data.get("commentary", "").strip():
            self.add_error(
                "commentary",
                f"Enter what has happened on action {self.action.code} since the last update",
            )
        return data


NUMBER = {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
COMMENTARY_LABELS = {
    "story": "The story behind the curve: why it moved",
    "partners": "Partners with a role to play",
    "what_works": "What works",
    "next_steps": "What we will do",
}


def _number_field(label: str) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=False,
        widget=forms.TextInput(attrs=NUMBER),
        error_messages={"invalid": f"Enter the {label.lower()} as a number, such as 1234 or 56.7"},
    )


def _as_typed(number: float | None) -> float | int | None:
    """A number as its owner would type it: 312, not 312.0."""
    return int(number) if number is not None and number.is_integer() else number


class ValueRow(forms.Form):
    """One indicator's value on "my indicators", with its counts where the value is
    worked out from them, and its commentary. A blank row is skipped, not an error."""

    value = _number_field("Value")
    numerator = _number_field("Count")
    denominator = _number_field("Denominator")
    story = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    partners = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    what_works = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_steps = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
    commentary_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, asked, commentary=None, **kwargs):
        self.asked, self.indicator = asked, asked.indicator
        initial = {"version": asked.version}
        if asked.is_entered or asked.value is not None:
            initial |= {
                n: _as_typed(getattr(asked, n)) for n in ("value", "numerator", "denominator")
            }
        if commentary is not None:
            initial |= {name: getattr(commentary, name) for name in COMMENTARY_LABELS}
            initial["commentary_version"] = commentary.version
        super().__init__(*args, prefix=f"value-{asked.pk}", initial=initial, **kwargs)
        self.counted = self.indicator.unit in FROM_COUNTS
        title, period = self.indicator.title, asked.period
        self.fields["value"].label = f"Value of {title} for {period}"
        if not self.counted:
            del self.fields["numerator"], self.fields["denominator"]
        else:
            self.fields["numerator"].label = f"Count (numerator) for {title}"
            self.fields["denominator"].label = f"Denominator for {title}"
        for name, label in COMMENTARY_LABELS.items():
            self.fields[name].label = f"{label} (optional)"

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        numbers = [data.get(n) for n in ("value", "numerator", "denominator")]
        return all(n is None for n in numbers) and not any(self.texts().values())

    @property
    def has_value(self) -> bool:
        return self.cleaned_data.get("value") is not None

    def texts(self) -> dict[str, str]:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {name: data.get(name, "").strip() for name in COMMENTARY_LABELS}

    def clean(self) -> dict:
        data = super().clean()
        value, numerator, denominator = (
            data.get("value"),
            data.get("numerator"),
            data.get("denominator"),
        )
        if self.errors or (value is None and numerator is None and denominator is None):
            return data
        if value is None and numerator is not None and denominator:
            data["value"] = value = worked_out(self.indicator, numerator, denominator)
        if value is None:
            self.add_error("value", f"Enter the value of {self.indicator.title}")
            return data
        for field, message in value_problems(self.indicator, value, numerator, denominator):
            label = self.fields[field].label if field in self.fields else "Value"
            self.add_error(field if field in self.fields else None, f"{label}: {message}")
        return data


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="Why are you sending it back?",
        help_text="Its owner sees this beside the value, and enters it again.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the value is being sent back"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
