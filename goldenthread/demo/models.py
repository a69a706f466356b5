from django.db import models

# The demo partnership's, as load_demo makes it.
NAME = "Thurrock Children and Young People's Partnership"
SLUG = "thurrock"


class DemoPartnership(models.Model):
    """A partnership ``load_demo`` made: its pages say that it is demonstration data,
    and the day it is shown as at (``calendar.AS_AT``)."""

    partnership = models.OneToOneField(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"Demonstration: {self.partnership_id}"
