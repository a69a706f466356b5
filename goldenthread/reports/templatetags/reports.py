import base64

from django import template

register = template.Library()


@register.filter
def data_uri(image: bytes | None) -> str:
    """An image inside a standalone document, so that it travels with the file."""
    if not image:
        return ""
    kind = "png" if image.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(image).decode()}"
