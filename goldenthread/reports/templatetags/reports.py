import base64

from django import template
from django.utils.safestring import mark_safe

from goldenthread.reports import scorecard

register = template.Library()


@register.filter
def data_uri(image: bytes | None) -> str:
    """An image inside a standalone document, so that it travels with the file."""
    if not image:
        return ""
    kind = "png" if image.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(image).decode()}"


@register.filter
def as_it_stood(year: str) -> str:
    """``{{ report.year|as_it_stood }}``: the data date of a report of a year."""
    return scorecard.as_it_stood(year)


@register.filter
def section_html(section) -> str:
    """An authored section's body: HTML that ``markdown.to_html`` sanitised, its images
    inside it, so that the page and the standalone document need nothing else."""
    return mark_safe(section.html(embedded=True))


@register.filter
def authored_at(report, place: str | int) -> list:
    """``report|authored_at:"start"``, ``…:aim.number``: the authored sections there."""
    return report.sections_at(place)
