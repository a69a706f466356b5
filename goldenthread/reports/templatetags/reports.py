import base64

from django import template

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
