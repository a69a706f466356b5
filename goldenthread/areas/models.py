import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

ONS_CODE = r"^[EWSNK]\d{8}$"
area_code = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{1,19}$",
    "An area code is an ONS code such as E06000034, or letters, digits and hyphens.",
)


class AreaQuerySet(models.QuerySet):
    def within(self, areas) -> "AreaQuerySet":
        """These areas and every area that lies within them, however deep: a local
        authority's wards and localities, a region's authorities and theirs. Comparator
        groups lie within nothing: they only stand beside their authority."""
        found = {getattr(area, "pk", area) for area in areas}
        below = found
        while below:  # a level of the tree a query; there are only a few levels
            below = set(Area.objects.filter(parent__in=below).values_list("pk", flat=True))
            below -= found  # a parent loop, should one ever be saved, must not spin forever
            found |= below
        return self.filter(pk__in=found)


class Area(models.Model):
    """A place with its ONS code (England, a region, a local authority, a ward), or a
    comparator group such as an authority's ten statistical neighbours.

    A group is an area too, so that a published group average ("statistical
    neighbours 7.2%") is stored like any other value; where its members' own values
    are known, the average is computed from them instead.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        WARD = "ward", "Ward"
        LOCALITY = "locality", "Locality"
        GROUP = "group", "Comparator group"

    code = models.CharField(max_length=20, unique=True, validators=[area_code])
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The area this one lies in: a local authority's region, a region's country.",
    )
    members = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="groups", help_text="For a group."
    )
    comparator_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comparator_groups",
        help_text="For a group: the authority whose comparators these are.",
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        # Groups and localities have no ONS code; everywhere else the code is the ONS one.
        needs_ons_code = self.kind not in (self.Kind.GROUP, self.Kind.LOCALITY)
        if needs_ons_code and not re.match(ONS_CODE, self.code or ""):
            raise ValidationError(
                {"code": "An ONS area code is a letter and eight digits, such as E06000034."}
            )

    def ancestors(self) -> list["Area"]:
        """The region and the country this area lies in, nearest first."""
        chain, area = [], self.parent
        while area is not None and area not in chain:
            chain.append(area)
            area = area.parent
        return chain
