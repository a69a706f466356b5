from django import forms

RAG_CHOICES = [
    ("", "Any"),
    ("red", "Red: not met"),
    ("amber", "Amber: close"),
    ("green", "Green: met"),
    ("none", "No target or no data"),
]


class ScorecardFilterForm(forms.Form):
    aim = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    rag = forms.ChoiceField(
        label="RAG against target", choices=RAG_CHOICES, required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )  # fmt: skip

    def __init__(self, *args, aims=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aim"].choices = [("", "All aims")] + [
            (aim.number, f"Aim {aim.number}: {aim.title}") for aim in aims
        ]
