"""A manager signs off the values owners entered, or sends them back.

Until it is signed off, an entered value is provisional and seen only inside the
partnership. Signing it off writes it to the indicator's published values through the
one write path for values (``target_edits.record_data_point``, the importer's rules, its
revisions, its audit entry and the standings refresh), in the same transaction as the
record of who signed it off: both or neither. A value already published for that
period is revised, and the one it replaces kept as a revision.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.audit.versions import claim_version
from goldenthread.indicators.models import DataPoint
from goldenthread.indicators.target_edits import record_data_point

from .models import RoundValue, UpdateRound, ValueState


class SignOffError(ValueError):
    """A value cannot be signed off or sent back as asked; the message says why."""


def sign_off(asked: RoundValue, *, by, expected_version: int) -> DataPoint:
    """Publish the entered value for the partnership's area, recording who signed it
    off and when. SignOffError if someone signed it off, sent it back or changed it
    since the manager read it, or if the value cannot be written."""
    with transaction.atomic():
        read = _claim(asked, expected_version, "sign off")
        update_round = read.update_round
        try:
            point = record_data_point(
                by=by,
                indicator=read.indicator.code,
                area=update_round.partnership.area.code,
                period=read.period.label,
                value=read.value,
                numerator=read.numerator,
                denominator=read.denominator,
                source=f"{update_round.title}: entered by {read.owner.name}"[:300],
                via=f"{update_round.title} (signed off)",
            )
        except ValidationError as refused:
            raise SignOffError(
                f"{read.indicator.title} for {read.period} cannot be published: "
                + "; ".join(f"{field}: {' '.join(m)}" for field, m in refused.message_dict.items())
            ) from None
        read.state, read.signed_off_by, read.signed_off_at = (
            ValueState.SIGNED_OFF,
            by,
            timezone.now(),
        )
        read.save()  # through save(): the audit trail records the sign-off
    return point


def sign_off_all(update_round: UpdateRound, *, by, versions: dict[int, int]) -> list[DataPoint]:
    """Sign off every value awaiting it that the manager saw (``versions``: id to the
    version shown), all or none."""
    waiting = update_round.values.provisional().filter(pk__in=versions)
    if not waiting:
        raise SignOffError("No values are awaiting sign-off.")
    with transaction.atomic():
        return [sign_off(v, by=by, expected_version=versions[v.pk]) for v in waiting]


def send_back(asked: RoundValue, *, by, reason: str, expected_version: int) -> RoundValue:
    """Return an entered value to its owner with the reason: it stays unpublished, and
    the owner sees the reason on their page and enters it again."""
    reason = reason.strip()
    if not reason:
        raise SignOffError(f"Enter why the value of {asked.indicator.title} is being sent back")
    with transaction.atomic():
        read = _claim(asked, expected_version, "send back")
        read.state, read.sent_back_reason = ValueState.SENT_BACK, reason
        read.save()
    return read


def _claim(asked: RoundValue, expected_version: int, doing: str) -> RoundValue:
    """The value, its version moved on, if it is still as the manager read it and
    awaiting sign-off; else SignOffError saying what happened meanwhile."""
    claimed = claim_version(asked, expected_version)
    read = RoundValue.objects.select_related(
        "indicator",
        "period",
        "owner",
        "signed_off_by",
        "update_round__delivery_plan__plan__partnership__area",
    ).get(pk=asked.pk)
    what = f"the value of {read.indicator.title} for {read.period}"
    if read.state == ValueState.SIGNED_OFF:
        who = read.signed_off_by.get_username() if read.signed_off_by else "someone"
        raise SignOffError(
            f"Cannot {doing} {what}: {who} signed it off at {timezone.localtime(read.signed_off_at):%H:%M on %-d %B %Y}."
        )
    if not claimed:
        raise SignOffError(
            f"Cannot {doing} {what}: it changed after you opened the page. Read it again."
        )
    if read.state != ValueState.ENTERED:
        raise SignOffError(f"Cannot {doing} {what}: its owner has not entered it.")
    return read
