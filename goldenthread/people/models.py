"""The partner organisations of a partnership, and the people in them who lead actions.

A person need not have an account: most action leads are reached by email, and sign
in only if they want to. ``user`` links the two when they do.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Sector(models.TextChoices):
    COUNCIL = "council", "Council service"
    NHS = "nhs", "NHS"
    POLICE = "police", "Police"
    SCHOOLS = "schools", "Schools"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A partner, such as the council's Children's Services or the Clinical
    Commissioning Group."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_organisation_name")
        ]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet):
    def linked_to(self, user, partnership) -> Person | None:
        """The person a signed-in user is in this partnership, if a manager linked them."""
        if not user.is_authenticated:
            return None
        return self.filter(user=user, partnership=partnership).first()


class Person(models.Model):
    """Someone in a partnership: an action lead, a board member, an officer."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    job_title = models.CharField(max_length=200, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="Their account, if they sign in.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "email"], name="one_person_an_email")
        ]

    def __str__(self) -> str:
        return self.name
