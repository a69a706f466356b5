"""Forms for a partnership's managers: its organisations, people, and who leads an action."""

from __future__ import annotations

from django import forms

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
        self.fields["organisations"].queryset = partnership.organisations.all()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        taken = Person.objects.filter(partnership=self.instance.partnership, email__iexact=email)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Someone in the partnership already has {email}")
        return email


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
