"""For other apps' pages: the board meetings an action is on the agenda of."""

from django import template

from goldenthread.boards.models import AgendaItem

register = template.Library()


@register.simple_tag
def meetings_for_action(action) -> list[AgendaItem]:
    """The agenda items that evidence the action, earliest meeting first, in one query."""
    return list(
        AgendaItem.objects.filter(action=action)
        .select_related("meeting__board__partnership")
        .order_by("meeting__date", "position")
    )
