"""The words beside the numbers on pages of apps below: an indicator's commentary on
its page, a year's summary at each aim and objective of the delivery plan."""

from __future__ import annotations

from django import template

from goldenthread.partnerships.models import Role
from goldenthread.partnerships.permissions import has_role

from ..models import subject_name
from ..permissions import may_write_commentary, may_write_summary
from ..reading import commentary_of, subject_key, summaries_of

register = template.Library()


def _user(context: template.Context):
    return context["request"].user


@register.inclusion_tag("commentary/includes/commentary.html", takes_context=True)
def indicator_commentary(context: template.Context, indicator, partnership) -> dict:
    """``{% indicator_commentary indicator partnership %}``: newest period first."""
    user = _user(context)
    rows = commentary_of(partnership, indicator)
    return {
        "indicator": indicator,
        "partnership": partnership,
        "latest": rows[0] if rows else None,
        "earlier": rows[1:],
        "is_member": has_role(user, partnership, Role.VIEWER),
        "may_write": not may_write_commentary(user, partnership, indicator),
    }


@register.inclusion_tag("commentary/includes/summary.html", takes_context=True)
def year_summary(context: template.Context, delivery_plan, subject) -> dict:
    """``{% year_summary delivery_plan aim %}`` (or an objective): its summary of the
    year, and a link to write it for those who may. The year's summaries are read once
    for the whole page (``summaries_of``)."""
    user = _user(context)
    partnership = delivery_plan.plan.partnership
    kind, _ = subject_key(subject)
    return {
        "summary": summaries_of(delivery_plan).get(subject_key(subject)),
        "subject": subject,
        "kind": kind,
        "name": subject_name(subject),
        "delivery_plan": delivery_plan,
        "partnership": partnership,
        "is_member": has_role(user, partnership, Role.VIEWER),
        "may_write": not may_write_summary(user, delivery_plan, subject),
    }
