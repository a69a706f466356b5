"""Who may write the words beside the numbers: one question each, asked by the pages
that offer the form and by the services that save it.

An indicator's commentary is written by its owner in the partnership
(``indicators.IndicatorOwner``) and by the partnership's managers; a year's summary of
an aim or an objective by its lead (``Aim.lead``, ``Objective.lead``) and by the
managers. An owner or a lead writes through their account, and only while they are a
contributor in the partnership: naming someone owner does not make them a member.
Each answer is the reason someone may not, in words, or "" when they may.
"""

from __future__ import annotations

from goldenthread.indicators.models import Indicator, IndicatorOwner
from goldenthread.partnerships.models import Partnership
from goldenthread.partnerships.permissions import can_contribute, can_manage
from goldenthread.plans.models import Aim, DeliveryPlan, Objective

from .models import subject_name


def people_of(user) -> set[int]:
    """The ids of the people the user's account is, remembered for the request: a page
    asks about every aim and objective it shows."""
    if not user.is_authenticated:
        return set()
    if "_people_ids" not in user.__dict__:
        user.__dict__["_people_ids"] = set(user.people.values_list("pk", flat=True))
    return user.__dict__["_people_ids"]


def may_write_commentary(user, partnership: Partnership, indicator: Indicator) -> str:
    """Why ``user`` may not write the indicator's commentary in the partnership ("" if
    they may)."""
    if can_manage(user, partnership):
        return ""
    refusal = (
        f"Only the owner of {indicator.title} in {partnership.name} and its managers "
        "may write its commentary."
    )
    if not can_contribute(user, partnership):
        return refusal
    owner = (
        IndicatorOwner.objects.filter(partnership=partnership, indicator=indicator)
        .values_list("person_id", flat=True)
        .first()
    )
    return "" if owner in people_of(user) else refusal


def may_write_summary(user, delivery_plan: DeliveryPlan, subject: Aim | Objective) -> str:
    """Why ``user`` may not write the year's summary of the aim or objective ("" if
    they may)."""
    partnership = delivery_plan.plan.partnership
    if can_manage(user, partnership):
        return ""
    refusal = f"Only the lead of {subject_name(subject)} and the partnership's managers may write its summary."
    if not can_contribute(user, partnership) or subject.lead_id is None:
        return refusal
    return "" if subject.lead_id in people_of(user) else refusal
