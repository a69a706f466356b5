"""A manager adds, changes and removes the partnership's targets on the web, against the
version they read: of two people editing the same target, the second is told what
changed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.audit.versions import EditConflict
from goldenthread.partnerships.models import Partnership, Role
from goldenthread.web.access import partnership_view

from .models import Indicator, Target
from .target_edits import remove_target, save_target

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


class NewTargetForm(TargetForm):
    version = None  # type: ignore[assignment]

    class Meta(TargetForm.Meta):
        fields = ["kind", *TargetForm.Meta.fields]
        labels = {**TargetForm.Meta.labels, "kind": "Kind of target"}
        widgets = {**TargetForm.Meta.widgets, "kind": forms.RadioSelect}


class RemoveTargetForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


@partnership_view(Role.MANAGER)
def add_target(request: HttpRequest, partnership: Partnership, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    form = NewTargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in NewTargetForm.Meta.fields}
        try:
            save_target(
                None,
                partnership=partnership,
                fields={**fields, "indicator": indicator},
                by=request.user,
                expected_version=None,
            )
        except ValidationError as refused:
            form.add_error(None, refused.messages)
        else:
            messages.success(request, f"The target for {indicator.title} is added.")
            return redirect("indicators:indicator", partnership.slug, indicator.code)
    return render(
        request,
        "indicators/target_edit.html",
        {"nav": "scorecard", "indicator": indicator, "form": form, "adding": True},
    )


@partnership_view(Role.MANAGER)
def remove_target_page(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    target = get_object_or_404(
        Target.objects.select_related("indicator"), pk=pk, partnership=partnership
    )
    form = RemoveTargetForm(request.POST or None, initial={"version": target.version})
    if request.method == "POST" and form.is_valid():
        try:
            remove_target(target, expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, f"The target for {target.indicator.title} is removed.")
            return redirect("indicators:indicator", partnership.slug, target.indicator.code)
    return render(
        request,
        "indicators/target_remove.html",
        {"nav": "scorecard", "target": target, "form": form},
    )


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
        request,
        "indicators/target_edit.html",
        {"nav": "scorecard", "target": target, "indicator": target.indicator, "form": form},
    )
