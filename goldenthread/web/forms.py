"""GOV.UK Design System forms through Django's own form rendering.

``FORM_RENDERER`` is ``GovukFormRenderer``: ``{{ form.field.as_field_group }}`` draws a
field as a GOV.UK form group (``templates/web/forms/field.html``: label, hint, errors,
then the widget, or a fieldset of radios), and the bound field gives every widget its
GOV.UK class, so forms never set classes by hand. A form adds only modifiers, such as
``govuk-input--width-10``, in its widget's attrs. Django itself describes each widget by
its hint and error (``aria-describedby``: ``<id>_helptext``, ``<id>_error``), the ids the
field template gives them.
"""

from __future__ import annotations

from django.forms import Widget
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates

INPUT, TEXTAREA, SELECT, FILE = "govuk-input", "govuk-textarea", "govuk-select", "govuk-file-upload"
CLASSES = {
    "TextInput": INPUT,
    "NumberInput": INPUT,
    "EmailInput": INPUT,
    "URLInput": INPUT,
    "PasswordInput": INPUT,
    "DateInput": INPUT,
    "TimeInput": INPUT,
    "DateTimeInput": INPUT,
    "Textarea": TEXTAREA,
    "Select": SELECT,
    "SelectMultiple": SELECT,
    "NullBooleanSelect": SELECT,
    "FileInput": FILE,
    "ClearableFileInput": FILE,
}
# Django's own default for a textarea, which GOV.UK draws with five rows.
DJANGO_TEXTAREA_ROWS = "10"


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict, widget: Widget | None = None) -> dict:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        component = CLASSES.get(type(widget).__name__)
        if component is None:
            return attrs
        own = str(attrs.get("class", widget.attrs.get("class", ""))).split()
        modifiers = [f"{component}--error"] if self.errors else []
        attrs["class"] = " ".join(dict.fromkeys([component, *own, *modifiers]))
        if component == TEXTAREA and widget.attrs.get("rows") == DJANGO_TEXTAREA_ROWS:
            attrs["rows"] = "5"
        return attrs


class GovukFormRenderer(DjangoTemplates):
    field_template_name = "web/forms/field.html"
    bound_field_class = GovukBoundField
