"""The tenancy layer: partnerships, who belongs to each and in which role, and who may
read what. Every domain app sits on top of this one and nothing here knows about them.

A partnership is the tenant: the council and its partners who agree and deliver a plan
together. Everything else (plans, indicators' targets, boards, people, reports) belongs
to one partnership, and is read through the visibility rules below.
"""

from __future__ import annotations

from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .logo import validate_logo

# Whoever is asking: a signed-in person, or an anonymous visitor.
Someone: TypeAlias = User | AnonymousUser


class Role(models.TextChoices):
    """What a person may do in a partnership. Each role includes the ones before it."""

    VIEWER = "viewer", "Viewer"  # reads what is shared with partners
    CONTRIBUTOR = "contributor", "Contributor"  # updates actions they or their organisation lead
    MANAGER = "manager", "Manager"  # edits the plan, opens update rounds, publishes reports
    ADMINISTRATOR = "administrator", "Administrator"  # also manages people and their roles


RANK = {Role.VIEWER: 1, Role.CONTRIBUTOR: 2, Role.MANAGER: 3, Role.ADMINISTRATOR: 4}


class Visibility(models.TextChoices):
    """Who may read a partnership, a plan or a report."""

    PRIVATE = "private", "Private: the partnership's managers and administrators"
    PARTNERS = "partners", "Shared with partners: everyone with a role in the partnership"
    PUBLIC = "public", "Public: anyone, without signing in"


# The role a person needs to read something of each visibility (None: no role needed).
ROLE_TO_READ = {
    Visibility.PRIVATE: Role.MANAGER,
    Visibility.PARTNERS: Role.VIEWER,
    Visibility.PUBLIC: None,
}


def managed_by(user: User) -> models.QuerySet:
    """The ids of the partnerships the user manages or administers, as a subquery."""
    return Membership.objects.filter(user=user, role__in=[Role.MANAGER, Role.ADMINISTRATOR]).values(
        "partnership"
    )


def readable(user: Someone, prefix: str = "", partnership: str = "partnership__") -> Q:
    """Rows of something with a ``visibility`` (at ``prefix``) the user may read.

    Public to anyone; shared with partners to anyone with a role in the partnership
    (reached from the row by ``partnership``); private to its managers and
    administrators. The same rule as ``permissions.can_read``, as a query.
    """
    public = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if not isinstance(user, User):  # anonymous
        return public
    if user.is_superuser:
        return Q()
    members = Membership.objects.filter(user=user).values("partnership")
    shared = Q(**{f"{prefix}visibility": Visibility.PARTNERS, f"{partnership}in": members})
    private = Q(**{f"{prefix}visibility": Visibility.PRIVATE, f"{partnership}in": managed_by(user)})
    return public | shared | private


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user: Someone) -> PartnershipQuerySet:
        """The partnerships whose pages the user may read."""
        return self.filter(readable(user, partnership="pk__"))


class Partnership(models.Model):
    """The council and its partners who agree and deliver a plan together."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="partnerships")
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PARTNERS,
        help_text="Who may read the partnership's pages: its plans and reports may be "
        "more private, never less.",
    )
    logo = models.ImageField(
        upload_to="logos/",
        blank=True,
        help_text="PNG or JPEG, up to 512 KB: heads every report.",
        validators=[validate_logo],
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        # Moved here from the plans app; the table kept its name (migrations 0001).
        db_table = "plans_partnership"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:overview", args=[self.slug])


class Membership(models.Model):
    """A person's role in one partnership."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        # Moved here from the accounts app; the table kept its name.
        db_table = "accounts_membership"
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_a_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display().lower()} of {self.partnership}"
