"""Each entry is stamped, as it is written, with who made the change, from where, and
the partnership it belongs to."""

from __future__ import annotations

from django.db.models.signals import pre_save

from .context import Source, current
from .models import AuditEntry


def stamp(sender, instance: AuditEntry, **kwargs) -> None:
    actor = current()
    if not instance.source:
        # Outside a request or an `acting` block: a management command or the worker.
        instance.source = actor.source if actor else Source.COMMAND
    if actor is not None:
        user = actor.user
        if instance.actor_id is None and getattr(user, "is_authenticated", False):
            instance.actor_id = user.pk
        instance.remote_addr = instance.remote_addr or actor.remote_addr
    if instance.partnership_id is None:
        instance.partnership_id = (instance.additional_data or {}).get("partnership")


def connect() -> None:
    pre_save.connect(stamp, sender=AuditEntry, dispatch_uid="audit-stamp")
