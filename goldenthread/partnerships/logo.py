"""The partnership's logo, which heads every report: what may be uploaded, and reading it.

Only PNG and JPEG, checked by opening the image rather than trusting its name, and
small: a logo is sent inside every report, and an SVG could carry script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from PIL import Image, UnidentifiedImageError

if TYPE_CHECKING:  # the model validates its logo with this module
    from .models import Partnership

MAX_BYTES = 512 * 1024
FORMATS = {"PNG", "JPEG"}
MAX_PIXELS = 4000


def validate_logo(upload: File) -> None:
    name = getattr(upload, "name", "the file")
    if upload.size > MAX_BYTES:
        raise ValidationError(
            f"{name} is {upload.size // 1024} KB: a logo may be at most {MAX_BYTES // 1024} KB."
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, size = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(f"{name} is not a PNG or JPEG image that can be read.") from error
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(f"{name} is a {kind} image: upload the logo as PNG or JPEG.")
    if max(size) > MAX_PIXELS:
        raise ValidationError(f"{name} is {size[0]}×{size[1]} pixels: at most {MAX_PIXELS}.")


def logo_of(partnership: Partnership) -> bytes | None:
    """The logo's bytes, or None when there is none or its file has gone."""
    if not partnership.logo:
        return None
    try:
        with partnership.logo.open("rb") as file:
            return file.read()
    except FileNotFoundError:
        return None
