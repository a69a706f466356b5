from django.conf import settings
from django.db import models


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
    Visibility.PRIVATE: "manager",
    Visibility.PARTNERS: "viewer",
    Visibility.PUBLIC: None,
}


class Membership(models.Model):
    """A person's role in one partnership."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        "plans.Partnership", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_role_a_partnership")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.get_role_display().lower()} of {self.partnership}"
