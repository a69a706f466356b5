"""Forms are drawn as GOV.UK form groups by Django's own form rendering: no form sets a
GOV.UK class by hand, and each widget is described by its hint and its error."""

from django import forms


class Sample(forms.Form):
    name = forms.CharField(help_text="As people know it")
    notes = forms.CharField(widget=forms.Textarea, required=False)
    short = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    due = forms.DateField(widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}))
    file = forms.FileField(required=False)
    who = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)


def test_each_widget_gets_its_govuk_class_and_keeps_its_modifiers():
    form = Sample()
    assert 'class="govuk-input"' in str(form["name"])
    assert 'class="govuk-textarea"' in str(form["notes"]) and 'rows="5"' in str(form["notes"])
    assert 'rows="2"' in str(form["short"])
    assert 'class="govuk-select"' in str(form["kind"])
    assert 'class="govuk-input govuk-input--width-10"' in str(form["due"])
    assert 'class="govuk-file-upload"' in str(form["file"])


def test_a_field_is_a_form_group_with_its_label_hint_and_errors_tied_to_the_widget():
    form = Sample({"name": ""})
    group = form["name"].as_field_group()
    assert 'class="govuk-form-group govuk-form-group--error"' in group
    assert '<label class="govuk-label govuk-label--s" for="id_name">Name</label>' in group
    assert '<div class="govuk-hint" id="id_name_helptext">As people know it</div>' in group
    assert 'id="id_name_error"><span class="govuk-visually-hidden">Error:</span>' in group
    assert 'aria-describedby="id_name_helptext id_name_error"' in group
    assert 'class="govuk-input govuk-input--error"' in group


def test_radios_are_a_fieldset_with_a_legend():
    group = Sample()["who"].as_field_group()
    assert '<fieldset class="govuk-fieldset">' in group
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Who</legend>' in group
    assert group.count('class="govuk-radios__input"') == 2
