"""What the audit trail records, and the partnership each kind of record belongs to.

Each entry names the way from the record to its partnership's id, so that a manager
reads their partnership's trail and nobody else's. ``None``: shared data (indicator
definitions, user accounts), in the trail of no single partnership.
"""

from __future__ import annotations

from functools import reduce

from auditlog.registry import auditlog
from django.apps import apps

AUDITED: dict[str, str | None] = {
    "plans.Partnership": "pk",
    "plans.Plan": "partnership_id",
    "plans.Aim": "plan.partnership_id",
    "plans.Objective": "aim.plan.partnership_id",
    "plans.DeliveryPlan": "plan.partnership_id",
    "plans.Action": "delivery_plan.plan.partnership_id",
    "plans.ActionUpdate": "action.delivery_plan.plan.partnership_id",
    "indicators.Indicator": None,
    "indicators.Target": "partnership_id",
    "indicators.DataPoint": None,
    "boards.Board": "partnership_id",
    "boards.BoardMember": "board.partnership_id",
    "boards.Meeting": "board.partnership_id",
    "boards.AgendaItem": "meeting.board.partnership_id",
    "rounds.UpdateRound": "delivery_plan.plan.partnership_id",
    "strategy.PlanDocument": "plan.partnership_id",
    "strategy.HigherPlan": "partnership_id",
    "people.Organisation": "partnership_id",
    "people.Person": "partnership_id",
    "accounts.Membership": "partnership_id",
    "reports.PublishedReport": "partnership_id",
    "auth.User": None,
}
# Never copied into the trail: the password hash is recorded only as changed.
MASKED = {"auth.User": ["password"]}
# Bookkeeping that changes on its own and would bury real changes.
EXCLUDED = {"auth.User": ["last_login"], "plans.Action": ["sort_key", "updated_at"]}


def register_all() -> None:
    for label, path in AUDITED.items():
        model = apps.get_model(label)
        model.get_additional_data = _partnership_of(path)
        auditlog.register(
            model, mask_fields=MASKED.get(label, []), exclude_fields=EXCLUDED.get(label, [])
        )


def _partnership_of(path: str | None):
    def get_additional_data(instance) -> dict:
        if path is None:
            return {}
        try:
            return {"partnership": reduce(getattr, path.split("."), instance)}
        except AttributeError:  # a related record already gone, on a delete
            return {}

    return get_additional_data
