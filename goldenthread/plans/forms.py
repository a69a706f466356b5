from django import forms
from django.db import transaction

from goldenthread.partnerships.models import Visibility
from goldenthread.people.models import Organisation, Person

from .drafts import code_error, renumber_errors
from .models import Action, Confidence, Objective, Status

STATUS_CHOICES = [("", "Keep the current status"), *Status.choices]


def confidence_field(
    label: str = "How confident are you that it will be delivered?",
) -> forms.Field:
    """The lead's RAG of confidence beside the status, in the update form and on "my
    actions". Optional, so that an update on finished work need not give one; left
    blank, the last confidence given stands (``services.add_update``)."""
    return forms.ChoiceField(
        label=label,
        choices=Confidence.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="On track, at risk or off track: say why in the commentary. "
        "Leave it blank to keep the confidence given last.",
    )


class UpdateForm(forms.Form):
    """A contributor's progress update on an action."""

    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    confidence = confidence_field()
    commentary = forms.CharField(
        label="Progress commentary",
        widget=forms.Textarea,
        error_messages={"required": "Enter what has happened since the last update"},
    )
    evidence_url = forms.URLField(
        label="Evidence link (optional)",
        required=False,
        assume_scheme="https",
        help_text="A link to a paper, minutes or a published page, such as https://…",
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
        help_texts = {
            "due_date": "For example, 31/03/2015. Left blank, the action falls due at the "
            "end of its delivery year, 31 March."
        }
        widgets = {
            "text": forms.Textarea,
            "measure": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        }


class ConfirmStatusForm(forms.Form):
    """An officer confirms an inferred status or chooses the right one."""

    status = forms.ChoiceField(choices=Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionLeadForm(forms.Form):
    """Who leads an action: a person (who is emailed in update rounds), an organisation."""

    lead_person = forms.ModelChoiceField(
        label="Lead person",
        queryset=Person.objects.none(),
        required=False,
        empty_label="No lead person",
        help_text="They are emailed when an update round opens.",
    )
    lead_organisation = forms.ModelChoiceField(
        label="Lead organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="No lead organisation",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        # Retired people and organisations stay on the actions they led, but are not offered.
        self.fields["lead_person"].queryset = partnership.people.for_new_leads(
            self.initial.get("lead_person")
        )
        self.fields["lead_organisation"].queryset = partnership.organisations.for_new_leads(
            self.initial.get("lead_organisation")
        )


class TreeFilterForm(forms.Form):
    q = forms.CharField(
        label="Search actions",
        required=False,
        help_text="Words from an action, its measure or its lead, or its code",
    )
    status = forms.ChoiceField(required=False)
    aim = forms.TypedChoiceField(label="Aim", coerce=int, required=False)
    lead = forms.ChoiceField(required=False)

    def __init__(self, *args, aims=(), leads=(), **kwargs):
        """``leads``: the lead choices, grouped (``leads.lead_choices``)."""
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", "Any status"),
            *Status.choices,
            ("not_known", "Not known"),
        ]
        self.fields["aim"].choices = [("", "Any aim")] + [
            (aim.number, f"{aim.number}. {aim.title}") for aim in aims
        ]
        self.fields["lead"].choices = [("", "Any lead"), *leads]


class DraftActionForm(forms.Form):
    """A manager adds an action to a delivery plan, a draft or a published one."""

    objective = forms.ModelChoiceField(
        queryset=None,
        empty_label="Choose an objective",
        error_messages={"required": "Choose the objective the action serves"},
    )
    code = forms.CharField(
        max_length=20,
        help_text="Numbered under its objective: under 8.1, for example 8.23",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter the action's code, such as 8.23"},
    )
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea,
        error_messages={"required": "Enter what the action is"},
    )
    measure = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # ActionLeadForm's fields: a form instance works on its own copy of each.
    lead_person = ActionLeadForm.base_fields["lead_person"]
    lead_organisation = ActionLeadForm.base_fields["lead_organisation"]
    lead = forms.CharField(
        label="Lead, as the plan writes it",
        max_length=200,
        required=False,
        help_text="Only where no lead person or organisation above is right",
    )
    due_date = forms.DateField(
        label="Due date",
        required=False,
        help_text="For example, 31/03/2016. Left blank, the action falls due at the end "
        "of its delivery year, 31 March.",
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"invalid": "Enter the due date as a date, such as 31/03/2016"},
    )

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        # Retired objectives take no new actions (``authoring.py``).
        self.fields["objective"].queryset = Objective.objects.in_use().filter(aim__plan=draft.plan)
        partnership = draft.plan.partnership
        self.fields["lead_person"].queryset = partnership.people.current()
        self.fields["lead_organisation"].queryset = partnership.organisations.current()

    def clean(self):
        data = super().clean()
        objective, code = data.get("objective"), (data.get("code") or "").strip()
        if objective is None or not code:
            return data
        actions = self.draft.actions.all()
        siblings = set(actions.filter(objective=objective).values_list("code", flat=True))
        if error := code_error(code, objective, siblings):
            self.add_error("code", error)
        elif actions.filter(code=code).exists():
            self.add_error(
                "code", f"{code} is already the code of another action in {self.draft.year}."
            )
        data["code"] = code
        return data


class DropForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RenumberForm(forms.Form):
    """New codes for every action of a draft at once, so two actions can swap codes."""

    def __init__(self, *args, draft, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.actions = list(actions)
        for action in self.actions:
            self.fields[f"code_{action.pk}"] = forms.CharField(
                label=f"Code of “{_short(action.text)}”",
                initial=action.code,
                max_length=20,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
                error_messages={
                    "required": f"Enter a code for the action now numbered {action.code}"
                },
            )
            self.fields[f"version_{action.pk}"] = forms.IntegerField(
                initial=action.version, widget=forms.HiddenInput
            )

    def rows(self):
        return [
            (action, self[f"code_{action.pk}"], self[f"version_{action.pk}"])
            for action in self.actions
        ]

    def clean(self):
        data = super().clean()
        codes = {}
        for action in self.actions:
            code = (data.get(f"code_{action.pk}") or "").strip()
            if code and f"version_{action.pk}" in data:
                codes[action] = (code, data[f"version_{action.pk}"])
        for action, error in renumber_errors(
            self.draft, {a: c for a, (c, _) in codes.items()}
        ).items():
            self.add_error(f"code_{action.pk}", error)
        self.codes = codes
        return data


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class VisibilityForm(forms.Form):
    """Who may read the partnership, and each of its plans."""

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.plans = list(partnership.plans.all())
        self.fields["partnership"] = forms.ChoiceField(
            label=f"Who may read {partnership.name}'s pages?",
            choices=Visibility.choices,
            initial=partnership.visibility,
            widget=forms.RadioSelect,
            help_text="A plan or a report can be more private than "
            "its partnership, never more open: someone who may not read the partnership "
            "reads none of it.",
        )
        for plan in self.plans:
            self.fields[f"plan_{plan.pk}"] = forms.ChoiceField(
                label=f"Who may read the {plan.title} and its delivery plans?",
                choices=Visibility.choices,
                initial=plan.visibility,
                widget=forms.RadioSelect,
            )

    def save(self) -> list[str]:
        """Save what changed; returns what changed, in words."""
        changed = []
        with transaction.atomic():
            for item, field in [(self.partnership, "partnership")] + [
                (plan, f"plan_{plan.pk}") for plan in self.plans
            ]:
                if item.visibility != self.cleaned_data[field]:
                    item.visibility = self.cleaned_data[field]
                    item.save(update_fields=["visibility"])
                    changed.append(f"{item}: {item.get_visibility_display()}")
        return changed
