from django.core.validators import RegexValidator
from django.db import models

ons_code = RegexValidator(
    r"^[EWSNK]\d{8}$", "An ONS area code is a letter and eight digits, such as E06000034."
)


class Area(models.Model):
    """A place with its ONS code: England, a region, a local authority, a ward."""

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        WARD = "ward", "Ward"
        LOCALITY = "locality", "Locality"

    code = models.CharField("ONS code", max_length=9, unique=True, validators=[ons_code])
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
