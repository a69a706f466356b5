from django import forms

from .models import Action, Status

STATUS_CHOICES = [("", "Keep the current status"), *Status.choices]
GOVUK_INPUT = {"class": "govuk-input"}
GOVUK_TEXTAREA = {"class": "govuk-textarea", "rows": 5}
GOVUK_SELECT = {"class": "govuk-select"}


class UpdateForm(forms.Form):
    """A contributor's progress update on an action."""

    status = forms.ChoiceField(
        choices=STATUS_CHOICES, required=False, widget=forms.Select(attrs=GOVUK_SELECT)
    )
    commentary = forms.CharField(
        label="Progress commentary",
        widget=forms.Textarea(attrs=GOVUK_TEXTAREA),
        error_messages={"required": "Enter what has happened since the last update"},
    )
    evidence_url = forms.URLField(
        label="Evidence link (optional)",
        required=False,
        assume_scheme="https",
        help_text="A link to a paper, minutes or a published page, such as https://…",
        widget=forms.URLInput(attrs=GOVUK_INPUT),
        error_messages={"invalid": "Enter a web address, such as https://example.org/report.pdf"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionEditForm(forms.ModelForm):
    """A manager edits what the plan says about an action."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = ["text", "measure", "lead", "due_date"]
        labels = {"text": "Action", "due_date": "Due date"}
        help_texts = {"due_date": "For example, 31/03/2015"}
        widgets = {
            "text": forms.Textarea(attrs=GOVUK_TEXTAREA),
            "measure": forms.Textarea(attrs={**GOVUK_TEXTAREA, "rows": 2}),
            "lead": forms.TextInput(attrs=GOVUK_INPUT),
            "due_date": forms.DateInput(
                attrs={**GOVUK_INPUT, "class": "govuk-input govuk-input--width-10"}
            ),
        }


class ConfirmStatusForm(forms.Form):
    """An officer confirms an inferred status or chooses the right one."""

    status = forms.ChoiceField(choices=Status.choices, widget=forms.Select(attrs=GOVUK_SELECT))
    version = forms.IntegerField(widget=forms.HiddenInput)


class TreeFilterForm(forms.Form):
    q = forms.CharField(label="Search actions", required=False,
                        widget=forms.TextInput(attrs=GOVUK_INPUT))  # fmt: skip
    status = forms.ChoiceField(required=False, widget=forms.Select(attrs=GOVUK_SELECT))
    aim = forms.TypedChoiceField(label="Aim", coerce=int, required=False,
                                 widget=forms.Select(attrs=GOVUK_SELECT))  # fmt: skip
    lead = forms.ChoiceField(required=False, widget=forms.Select(attrs=GOVUK_SELECT))

    def __init__(self, *args, aims=(), leads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", "Any status"),
            *Status.choices,
            ("not_known", "Not known"),
        ]
        self.fields["aim"].choices = [("", "Any aim")] + [
            (aim.number, f"{aim.number}. {aim.title}") for aim in aims
        ]
        self.fields["lead"].choices = [("", "Any lead")] + [(lead, lead) for lead in leads]
