from __future__ import annotations

from django import forms

from goldenthread.indicators.models import Period

from .models import IndicatorCommentary


class PeriodChoiceForm(forms.Form):
    """Which period's commentary to write: the periods with a value, newest first."""

    period = forms.ModelChoiceField(
        label="Period", queryset=Period.objects.none(), empty_label=None
    )

    def __init__(self, *args, periods: list[Period], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = Period.objects.filter(
            pk__in=[p.pk for p in periods]
        ).order_by("-end", "start")


class CommentaryForm(forms.Form):
    """The story behind the curve, in results-based accountability's four parts."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    story = forms.CharField(
        label="The story behind the curve",
        help_text="Why the figures moved as they did: the causes and forces at work.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    partners = forms.CharField(
        label="Partners with a role to play",
        help_text="The organisations and people who could help turn the curve.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_works = forms.CharField(
        label="What works",
        help_text="What would work to do better, from evidence and experience.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_steps = forms.CharField(
        label="What we will do",
        help_text="The partnership's next steps, with who will take them and when.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def parts(self) -> dict[str, str]:
        return {part: self.cleaned_data[part] for part in IndicatorCommentary.PARTS}


class SummaryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text = forms.CharField(
        label="Summary of the year",
        help_text="What was achieved, what did not go to plan and why, and what comes next.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write the summary of the year"},
    )
