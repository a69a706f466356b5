"""The provisional values of an indicator, for its page: shown only to the
partnership's members, marked as awaiting sign-off, never to the public."""

from __future__ import annotations

from django import template

from goldenthread.partnerships.models import Role
from goldenthread.partnerships.permissions import has_role

from ..models import RoundValue

register = template.Library()


@register.inclusion_tag("rounds/includes/provisional_values.html", takes_context=True)
def provisional_values(context, indicator) -> dict:
    request, partnership = context["request"], context.get("partnership")
    shown = partnership is not None and has_role(request.user, partnership, Role.VIEWER)
    values = (
        RoundValue.objects.provisional()
        .for_partnership(partnership)
        .filter(indicator=indicator)
        .select_related("period", "owner", "update_round", "indicator")
        .order_by("period__end")
        if shown
        else []
    )
    return {"values": values, "partnership": partnership}
