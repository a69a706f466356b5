"""Forms for a partnership's managers: its organisations, people, and who leads an action."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from goldenthread.partnerships.models import Role

from .models import Organisation, Person


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector"]
        widgets = {}
        error_messages = {
            "name": {"required": "Enter the organisation's name"},
            "sector": {"required": "Choose the organisation's sector"},
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = Organisation.objects.filter(
            partnership=self.instance.partnership, name__iexact=name
        )
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"{name} is already one of the partnership's organisations")
        return name


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "email", "job_title", "organisations"]
        labels = {
            "email": "Email address",
            "job_title": "Job title (optional)",
            "organisations": "Organisations (optional)",
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "organisations": forms.SelectMultiple(),
        }
        error_messages = {
            "name": {"required": "Enter the person's name"},
            "email": {
                "required": "Enter an email address, such as name@example.org",
                "invalid": "Enter an email address, such as name@example.org",
            },
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["organisations"].queryset = partnership.organisations.current()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        taken = Person.objects.filter(partnership=self.instance.partnership, email__iexact=email)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Someone in the partnership already has {email}")
        return email


class Versioned(forms.Form):
    """Changed against the version its editor read (``audit.versions``)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class EditOrganisationForm(OrganisationForm, Versioned):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EditPersonForm(PersonForm, Versioned):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        # Retired organisations are not offered, unless the person is still in one.
        own = list(self.instance.organisations.values_list("pk", flat=True))
        self.fields["organisations"].queryset = Organisation.objects.filter(
            partnership=self.instance.partnership
        ).filter(Q(pk__in=Organisation.objects.current()) | Q(pk__in=own))

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "job_title")}


class RetireForm(Versioned):
    retired_on = forms.DateField(
        label="Retired from",
        help_text="For example, 31/03/2016. They stay on the actions they led.",
        widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={
            "required": "Enter the date they left, such as 31/03/2016",
            "invalid": "Enter the date as a date, such as 31/03/2016",
        },
    )


class MemberForm(forms.Form):
    """Someone to give a role in the partnership, by their email address."""

    name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter the person's full name"},
    )
    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text="If they have no account yet, they are emailed a link to choose a password.",
        error_messages={
            "required": "Enter an email address, such as name@example.org",
            "invalid": "Enter an email address, such as name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        help_text="Viewers read what is shared with partners; contributors update the "
        "actions they or their organisation lead; managers edit the plan, open update "
        "rounds and publish reports; administrators also manage members.",
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
