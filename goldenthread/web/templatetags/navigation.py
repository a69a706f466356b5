from __future__ import annotations

from django import template

from goldenthread.partnerships.permissions import has_role

from ..navigation import sections

register = template.Library()


@register.inclusion_tag("web/navigation.html", takes_context=True)
def partnership_navigation(context: template.Context) -> dict:
    """The sections of the partnership's navigation this person may use, for the page's
    partnership and delivery plan, with the page's own (``nav``) marked current."""
    partnership = context.get("partnership")
    delivery_plan = context.get("delivery_plan")
    links = []
    if partnership is not None and delivery_plan:
        user = context["request"].user
        for section in sections():
            if section.role is not None and not has_role(user, partnership, section.role):
                continue
            link = section.link(partnership, delivery_plan)
            if link is not None:
                links.append((section.name, *link))
    return {"links": links, "current": context.get("nav")}
