"""A manager changes one of the partnership's targets on the web, against the version
they read: of two people editing the same target, the second is told what changed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.audit.versions import EditConflict
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from .models import Target
from .target_edits import save_target

NARROW = {"class": "govuk-input--width-10"}


class TargetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Target
        fields = ["value", "due", "due_label", "text"]
        labels = {
            "value": "Target value",
            "due": "Due by (date)",
            "due_label": "Due by (as the plan says)",
            "text": "The words of the plan",
        }
        help_texts = {"due": "For example, 31/03/2016", "due_label": "For example, 2015/16"}
        widgets = {
            "value": forms.NumberInput(attrs={**NARROW, "step": "any"}),
            "due": forms.DateInput(attrs=NARROW),
            "due_label": forms.TextInput(attrs=NARROW),
            "text": forms.Textarea(attrs={"rows": 3}),
        }


@partnership_view(Role.MANAGER)
def edit_target(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    target = get_object_or_404(
        Target.objects.select_related("indicator"), pk=pk, partnership=partnership
    )
    form = TargetForm(instance=target, initial={"version": target.version})
    if request.method == "POST":
        form = TargetForm(request.POST, instance=Target.objects.get(pk=target.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in TargetForm.Meta.fields}
            try:
                save_target(
                    target,
                    partnership=partnership,
                    fields=fields,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as conflict:
                form.add_error(None, str(conflict))
            else:
                messages.success(request, f"The target for {target.indicator.title} is saved.")
                return redirect("indicators:indicator", partnership.slug, target.indicator.code)
    return render(
        request, "indicators/target_edit.html", {"nav": "scorecard", "target": target, "form": form}
    )
