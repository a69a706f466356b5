from __future__ import annotations

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from ..parts import parts_in

register = template.Library()


@register.simple_tag(takes_context=True)
def parts(context: template.Context, slot: str) -> SafeString:
    """``{% parts "action.objective" %}``: the parts apps above add here, in order."""
    values: dict = context.flatten()
    request = context.get("request")
    drawn = [get_template(part.template).render(values, request) for part in parts_in(slot)]
    return mark_safe("".join(drawn))  # each part is a template, escaped as it is drawn
