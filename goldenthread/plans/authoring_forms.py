"""Forms for shaping the plan on the web (``authoring.py`` has the rules)."""

from __future__ import annotations

from django import forms

from goldenthread.lib.periods import FinancialYear
from goldenthread.partnerships.models import Visibility
from goldenthread.people.models import Person

from .authoring import renumber_errors
from .models import Aim, Objective, Plan

NARROW = forms.TextInput(attrs={"class": "govuk-input--width-5"})


class VersionForm(forms.Form):
    """Only the version the editor read: retiring, bringing back, withdrawing."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AimForm(forms.Form):
    number = forms.IntegerField(
        label="Number",
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={"required": "Enter the aim's number, such as 9"},
    )
    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Enter the aim's title, such as “Protection when needed”"},
    )


class LeadField(forms.ModelChoiceField):
    """Who answers for an aim or objective and writes its summary of each year."""

    def __init__(self) -> None:
        super().__init__(
            label="Lead (optional)",
            queryset=Person.objects.none(),
            required=False,
            empty_label="No lead named",
            help_text="Writes its summary of each year, as the partnership's managers can.",
        )


def offer_leads(form: forms.Form, partnership_id: int, current: int | None) -> None:
    form.fields["lead"].queryset = Person.objects.filter(partnership=partnership_id).for_new_leads(
        keeping=current
    )


class AimEditForm(VersionForm):
    title = AimForm.base_fields["title"]
    lead = LeadField()

    def __init__(self, *args, aim: Aim, **kwargs):
        super().__init__(*args, **kwargs)
        offer_leads(self, aim.plan.partnership_id, aim.lead_id)


class AimNumbersForm(forms.Form):
    """New numbers for every aim of a plan at once, so two aims can swap."""

    def __init__(self, *args, plan: Plan, aims: list[Aim], **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.aims = plan, aims
        for aim in aims:
            self.fields[f"number_{aim.pk}"] = forms.IntegerField(
                label=f"Number of “{aim.title}”",
                initial=aim.number,
                min_value=1,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                error_messages={
                    "required": f"Enter a number for the aim now numbered {aim.number}"
                },
            )
            self.fields[f"version_{aim.pk}"] = forms.IntegerField(
                initial=aim.version, widget=forms.HiddenInput
            )

    def rows(self):
        return [(aim, self[f"number_{aim.pk}"], self[f"version_{aim.pk}"]) for aim in self.aims]

    def clean(self):
        data = super().clean()
        self.numbers = {
            aim: (data[f"number_{aim.pk}"], data[f"version_{aim.pk}"])
            for aim in self.aims
            if data.get(f"number_{aim.pk}") is not None and f"version_{aim.pk}" in data
        }
        numbers = {aim: number for aim, (number, _) in self.numbers.items()}
        for aim, error in renumber_errors(self.plan, numbers).items():
            self.add_error(f"number_{aim.pk}", error)
        return data


class ObjectiveForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=NARROW,
        help_text="What reports cite it by, such as 8.3. It can be changed only until an "
        "action is numbered under it.",
        error_messages={"required": "Enter the objective's code, such as 8.3"},
    )
    title = forms.CharField(
        label="Title",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the objective is"},
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class ObjectiveEditForm(ObjectiveForm, VersionForm):
    aim = forms.ModelChoiceField(
        label="Aim",
        queryset=Aim.objects.none(),
        empty_label=None,
        help_text="Moving it keeps its code, and its actions' codes, as reports cite them.",
    )
    lead = LeadField()
    field_order = ["aim", "code", "title", "lead"]

    def __init__(self, *args, objective: Objective, **kwargs):
        super().__init__(*args, **kwargs)
        offer_leads(self, objective.aim.plan.partnership_id, objective.lead_id)
        self.fields["aim"].queryset = Aim.objects.filter(plan=objective.aim.plan_id)
        self.fields["aim"].label_from_instance = str
        if objective.actions.exists():
            self.fields["code"].disabled = True
            self.fields[
                "code"
            ].help_text = "Actions are numbered under it, and reports cite them: its code stays."


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label="Why is it withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in its history and shown in reports, such as “No longer needed: "
        "the service was recommissioned”.",
        error_messages={"required": "Enter why the action is withdrawn"},
    )


class YearField(forms.CharField):
    """A financial year written as 2016/17 (or 2016-17)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-5"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return FinancialYear.parse(text)
        except ValueError:
            raise forms.ValidationError(
                f"Enter a financial year such as 2016/17, not “{text}”"
            ) from None


class NextPlanForm(forms.Form):
    """The next multi-year plan, with aims and objectives copied from the one before."""

    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={"required": "Enter the plan's title"},
    )
    first_year = YearField(
        label="First financial year",
        help_text="For example, 2016/17",
        error_messages={"required": "Enter the plan's first financial year, such as 2016/17"},
    )
    last_year = YearField(
        label="Last financial year",
        help_text="For example, 2018/19",
        error_messages={"required": "Enter the plan's last financial year, such as 2018/19"},
    )
    visibility = forms.ChoiceField(
        label="Who may read the plan and its delivery plans?",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
    )
    objectives = forms.ModelMultipleChoiceField(
        label="Objectives to copy, each with its aim",
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    aims = forms.ModelMultipleChoiceField(
        label="Aims to copy without their objectives",
        queryset=Aim.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, before: Plan | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.before = before
        if before is None:
            return
        aims = Aim.objects.filter(plan=before).prefetch_related("objectives")
        objectives = Objective.objects.filter(aim__plan=before).select_related("aim")
        self.fields["aims"].queryset = aims
        self.fields["objectives"].queryset = objectives
        self.fields["visibility"].initial = before.visibility
        self.fields["aims"].initial = []
        self.fields["objectives"].initial = [o.pk for o in objectives if not o.is_retired]
        self.aims_before = list(aims)

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", f"The last year must be {first} or later")
        return data


class PlacementForm(forms.Form):
    """Where each action with no objective to go under in the new year goes, if anywhere."""

    def __init__(self, *args, entries, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        objectives = Objective.objects.in_use().filter(aim__plan=plan).select_related("aim")
        self.entries = entries
        for entry in entries:
            field = forms.ModelChoiceField(
                label=f"Where does action {entry.source.code} go in {plan.title}?",
                queryset=objectives,
                required=False,
                empty_label="Leave it behind for now",
            )
            field.label_from_instance = lambda o: f"{o.code} {o.title}"
            self.fields[f"place_{entry.source.pk}"] = field

    def rows(self):
        return [(entry, self[f"place_{entry.source.pk}"]) for entry in self.entries]

    @property
    def placements(self) -> dict[int, Objective]:
        return {
            entry.source.pk: self.cleaned_data[f"place_{entry.source.pk}"]
            for entry in self.entries
            if self.cleaned_data.get(f"place_{entry.source.pk}")
        }
