import datetime as dt
import re
from typing import NamedTuple

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

    def valid_on(self, day: dt.date) -> "AreaQuerySet":
        """The areas that existed on the day: no start or begun by then, not yet ended.
        An authority whose start DfE does not record (before 2009) has no start."""
        begun = models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)
        lasting = models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        return self.filter(begun, lasting)


class BoundarySet(models.Model):
    """A set of areas that tile England at one level for a span of years, as Fingertips
    names its area types: "County & UA (pre 4/19)", "District & UA". Authorities are ranked
    only among the areas of one set, so a county is never ranked against districts, nor an
    abolished authority against its successor."""

    class Tier(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        UPPER = "upper", "Upper tier: counties and unitary authorities"
        LOWER = "lower", "Lower tier: districts and unitary authorities"
        OTHER = "other", "Other"

    name = models.CharField(max_length=100, unique=True, help_text="As Fingertips writes it.")
    tier = models.CharField(max_length=10, choices=Tier.choices)

    class Meta:
        ordering = ["tier", "name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def tier_of(cls, name: str) -> str:
        """The tier a set's name speaks of: "County & UA" is upper, "District & UA" lower."""
        words = name.lower()
        if words.startswith(("england", "country")):
            return cls.Tier.COUNTRY
        if words.startswith(("region", "government office")):
            return cls.Tier.REGION
        if "county" in words or "upper" in words:
            return cls.Tier.UPPER
        if "district" in words or "lower" in words:
            return cls.Tier.LOWER
        return cls.Tier.OTHER

    @property
    def is_authorities(self) -> bool:
        return self.tier in (self.Tier.UPPER, self.Tier.LOWER)


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
    la_number = models.CharField(
        "DfE LA number", max_length=3, blank=True, help_text="DfE's three digits: 883."
    )
    boundary_sets = models.ManyToManyField(
        BoundarySet, blank=True, related_name="areas", help_text="The sets it is ranked in."
    )
    valid_from = models.DateField(null=True, blank=True, help_text="When it came into being.")
    valid_to = models.DateField(null=True, blank=True, help_text="Its last day, if abolished.")
    successors = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="predecessors",
        help_text="The areas that took over from it after a boundary change.",
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


DFE_STATISTICAL_NEIGHBOURS = "DfE children's services statistical neighbours"


class InForce(NamedTuple):
    """The neighbour set a comparison for a date uses, and whether it was in force then
    (``before_any``: the date is earlier than every set, so the earliest is used)."""

    neighbour_set: "NeighbourSet"
    on: dt.date
    before_any: bool

    def describe(self) -> str:
        """Says which set, as a page or report should: "… from 1 April 2021"."""
        chosen = self.neighbour_set
        said = f"{chosen.model}, in force from {chosen.in_force_from:%-d %B %Y}"
        if self.before_any:
            return f"{said}: the earliest set held; none was in force on {self.on:%-d %B %Y}"
        return said


class NeighbourSetQuerySet(models.QuerySet):
    def in_force(
        self, area: "Area", on: dt.date, model: str = DFE_STATISTICAL_NEIGHBOURS
    ) -> InForce | None:
        """The area's set of this model in force on the date: the one whose
        ``in_force_from`` is the latest on or before it. A date before every set gets the
        earliest set, flagged ``before_any``, so that a 2014/15 comparison still has
        neighbours and says they came later. None if the area has no set of the model."""
        sets = self.filter(area=area, model=model)
        chosen = sets.filter(in_force_from__lte=on).order_by("-in_force_from").first()
        if chosen is not None:
            return InForce(chosen, on, before_any=False)
        earliest = sets.order_by("in_force_from").first()
        return InForce(earliest, on, before_any=True) if earliest else None


class NeighbourSet(models.Model):
    """An authority's ranked comparators under one model and vintage: DfE's children's
    services statistical neighbours of April 2021 or May 2025. A comparison for a period
    uses the set in force then, or the nearest earlier one, and says which."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbour_sets")
    model = models.CharField(
        max_length=100, help_text="The model: DfE children's services statistical neighbours."
    )
    in_force_from = models.DateField()
    source = models.CharField(max_length=300, blank=True)
    members = models.ManyToManyField(Area, through="Neighbour", related_name="+")

    objects = NeighbourSetQuerySet.as_manager()

    class Meta:
        ordering = ["area", "-in_force_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "model", "in_force_from"], name="one_neighbour_set_a_vintage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area.name}: {self.model}, from {self.in_force_from:%-d %B %Y}"

    def member_ids(self) -> list[int]:
        """The neighbours' area ids, closest first."""
        ranked = Neighbour.objects.filter(neighbour_set=self).order_by("rank")
        return list(ranked.values_list("area_id", flat=True))


class Neighbour(models.Model):
    neighbour_set = models.ForeignKey(NeighbourSet, on_delete=models.CASCADE)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(help_text="1 is the closest.")
    closeness = models.CharField(max_length=40, blank=True, help_text="Very close, Close…")

    class Meta:
        ordering = ["neighbour_set", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["neighbour_set", "rank"], name="one_neighbour_a_rank")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.area.name}"


class Boundary(models.Model):
    """An area's shape on one map: a polygon from ONS boundaries (GeoJSON or TopoJSON,
    kept as GeoJSON geometry in longitude and latitude) or a hexagon of a hex layout
    (HexJSON's column and row). Maps are drawn from these on the server."""

    class Kind(models.TextChoices):
        SHAPE = "shape", "Boundary shape"
        HEX = "hex", "Hexagon"

    map = models.CharField(max_length=100, help_text="Which map: the file's layer or name.")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="boundaries")
    geometry = models.JSONField(help_text="GeoJSON geometry, or {q, r, layout} for a hex.")
    first_year = models.PositiveSmallIntegerField(null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["map", "area"]
        constraints = [models.UniqueConstraint(fields=["map", "area"], name="one_shape_a_map")]

    def __str__(self) -> str:
        return f"{self.area.code} on {self.map}"
