from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """What a person may do in a partnership. Each role includes the ones before it."""

    VIEWER = "viewer", "Viewer"  # reads a partnership that is not public
    CONTRIBUTOR = "contributor", "Contributor"  # adds progress updates to actions
    MANAGER = "manager", "Manager"  # edits the plan and confirms inferred statuses


RANK = {Role.VIEWER: 1, Role.CONTRIBUTOR: 2, Role.MANAGER: 3}


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
