"""The partner organisations of a partnership, and the people in them who lead actions.

A person need not have an account: most action leads are reached by email, and sign
in only if they want to. ``user`` links the two when they do.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class Sector(models.TextChoices):
    COUNCIL = "council", "Council service"
    NHS = "nhs", "NHS"
    POLICE = "police", "Police"
    SCHOOLS = "schools", "Schools"
    VOLUNTARY = "voluntary", "Voluntary sector"
    OTHER = "other", "Other"


class CurrentQuerySet(models.QuerySet):
    def current(self) -> CurrentQuerySet:
        """Those not retired: the choices for a new lead. A retired person or
        organisation stays on the actions they led, as the lead named then."""
        return self.filter(_current())

    def for_new_leads(self, keeping: int | None = None) -> CurrentQuerySet:
        """The choices for an action's lead: those not retired, and the one it has now
        (``keeping``'s pk), so that a form showing a retired lead still saves."""
        return self.filter(_current() | models.Q(pk=keeping))


def _current() -> models.Q:
    return models.Q(retired_on=None) | models.Q(retired_on__gt=timezone.localdate())


class Retirable:
    """A partner or person who may leave: retired, they stay where they were named."""

    retired_on: dt.date | None

    def is_retired(self, on: dt.date | None = None) -> bool:
        """Gone by ``on`` (today by default); the same rule as ``current()``."""
        return self.retired_on is not None and self.retired_on <= (on or timezone.localdate())


class Organisation(Retirable, models.Model):
    """A partner, such as the council's Children's Services or the Clinical
    Commissioning Group."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    retired_on = models.DateField(
        null=True, blank=True, help_text="No longer a partner: kept on the actions it led."
    )
    # Raised by every change on the web (``people/edits.py``), against two editors at once.
    version = models.PositiveIntegerField(default=1)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_organisation_name")
        ]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(CurrentQuerySet):
    def linked_to(self, user, partnership) -> Person | None:
        """The person a signed-in user is in this partnership, if a manager linked them:
        the current one where an account is linked to someone who left as well."""
        if not user.is_authenticated:
            return None
        linked = self.filter(user=user, partnership=partnership)
        return linked.current().order_by("pk").first() or linked.order_by("pk").first()


class Person(Retirable, models.Model):
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
    retired_on = models.DateField(
        null=True, blank=True, help_text="Left the partnership: kept on the actions they led."
    )
    version = models.PositiveIntegerField(default=1)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "email"], name="one_person_an_email")
        ]

    def __str__(self) -> str:
        return self.name
