"""Writing an indicator's commentary for a period and a year's summary of an aim or an
objective. The web (and anything else that writes them) goes through these.

Each is saved against the version its writer read (``audit.versions``): the form
carries the version it showed, 0 when there was nothing yet, so of two people writing
the same words at once the second is told who got there first and nothing of theirs is
saved over it. The audit trail records every change, old and new words, who and when
(``apps.py``); that is the history the pages show.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from goldenthread.audit.versions import EditConflict, claim_version
from goldenthread.indicators.models import Indicator, Period
from goldenthread.partnerships.models import Partnership
from goldenthread.plans.authoring import changed_meanwhile
from goldenthread.plans.models import Aim, DeliveryPlan, Objective

from .models import IndicatorCommentary, YearSummary, subject_name
from .permissions import may_write_commentary, may_write_summary
from .reading import periods_with_values

M = TypeVar("M", IndicatorCommentary, YearSummary)

# The version a form shows when there is nothing written yet.
NOTHING_YET = 0


def write_commentary(
    *,
    partnership: Partnership,
    indicator: Indicator,
    period: Period,
    parts: dict[str, str],
    by: User,
    expected_version: int,
) -> IndicatorCommentary:
    """Write the indicator's commentary for the period (``parts``: some of
    ``IndicatorCommentary.PARTS``), if ``by`` may and the period has a value."""
    unknown = set(parts) - set(IndicatorCommentary.PARTS)
    if unknown:
        raise ValueError(f"Not part of a commentary: {', '.join(sorted(unknown))}")
    parts = {name: text.strip() for name, text in parts.items()}
    if why_not := may_write_commentary(by, partnership, indicator):
        raise PermissionDenied(why_not)
    if period not in periods_with_values(partnership, indicator):
        raise ValidationError(
            f"{indicator.title} has no value for {partnership.area.name} in {period}: "
            "commentary is written for a period with a value."
        )
    what = f"The commentary on {indicator.title} for {period}"
    with transaction.atomic():
        existing = IndicatorCommentary.objects.filter(
            partnership=partnership, indicator=indicator, period=period
        ).first()
        if existing is None:
            if not any(parts.values()):
                raise ValidationError("Write at least one part of the commentary.")
            return _create(
                IndicatorCommentary,
                {"partnership": partnership, "indicator": indicator, "period": period},
                {**parts, "written_by": by},
                what,
            )
        return _save_checked(existing, expected_version, what, parts, by)


def write_summary(
    *,
    delivery_plan: DeliveryPlan,
    subject: Aim | Objective,
    text: str,
    by: User,
    expected_version: int,
) -> YearSummary:
    """Write the delivery year's summary of the aim or objective, if ``by`` may."""
    text = text.strip()
    if not text:
        raise ValidationError("Write the summary.")
    if _plan_of(subject) != delivery_plan.plan_id:
        raise ValidationError(f"{subject} is not part of {delivery_plan.plan.title}.")
    if why_not := may_write_summary(by, delivery_plan, subject):
        raise PermissionDenied(why_not)
    key = {"aim": subject} if isinstance(subject, Aim) else {"objective": subject}
    what = f"The {delivery_plan.year} summary of {subject_name(subject)}"
    with transaction.atomic():
        existing = YearSummary.objects.filter(delivery_plan=delivery_plan, **key).first()
        if existing is None:
            return _create(
                YearSummary,
                {"delivery_plan": delivery_plan, **key},
                {"text": text, "written_by": by},
                what,
            )
        return _save_checked(existing, expected_version, what, {"text": text}, by)


def _plan_of(subject: Aim | Objective) -> int:
    return subject.plan_id if isinstance(subject, Aim) else subject.aim.plan_id


def _create(model: type[M], key: dict, fields: dict, what: str) -> M:
    """The first words: if someone else's got there first, theirs stand and this is
    refused, as for a change."""
    try:
        with transaction.atomic():
            record = model(**key, **fields, written_at=timezone.now())
            # Another's first words are caught as the row is written, and refused as a
            # change made meanwhile, not as a form error.
            record.full_clean(validate_constraints=False)
            record.save()
            return record
    except IntegrityError:
        raise changed_meanwhile(model._default_manager.get(**key), what) from None


def _save_checked(record: M, expected_version: int, what: str, words: dict, by: User) -> M:
    """Set the words if the record is still at the version its writer read; ``by`` is
    then who wrote it last."""
    unchanged = all(getattr(record, name) == value for name, value in words.items())
    if unchanged and record.version == expected_version:
        return record  # saved again as it was: nothing to record, nobody new wrote it
    if expected_version == NOTHING_YET or not claim_version(record, expected_version):
        record.refresh_from_db()
        raise changed_meanwhile(record, what)
    for name, value in words.items():
        setattr(record, name, value)
    record.written_by, record.written_at = by, timezone.now()
    # Already moved on in the database, so the trail records only the fields changed.
    record.version = expected_version + 1
    record.full_clean()
    record.save()
    return record


__all__ = ["NOTHING_YET", "EditConflict", "write_commentary", "write_summary"]
