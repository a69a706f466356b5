"""``{% serves objective %}``: the priorities an objective (or an action's objective)
serves, for any page that shows one. One query."""

from django import template

from goldenthread.strategy.thread import priorities_served

register = template.Library()


@register.inclusion_tag("strategy/includes/serves.html")
def serves(objective, partnership) -> dict:
    """Use as ``{% load strategy %}{% serves action.objective partnership %}``."""
    return {
        "objective": objective,
        "slug": partnership.slug,
        "priorities": priorities_served(objective),
    }


@register.filter
def basis_for(priority, aim) -> str:
    """Why an aim serves a priority: ``{{ priority|basis_for:aim }}``."""
    return priority.basis_for(aim)
