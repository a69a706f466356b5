"""Each partnership's data version: what its cached pages are keyed on.

Every change that can alter what a partnership's pages show is recorded in the audit
trail, in the same transaction as the change. So the rule is that recording a change moves
the version on: each audit entry, as it is written, gives its scope a new random token. An
entry in a partnership's own trail moves that partnership's version; anything shared
(indicator values and definitions, which every partnership compares against, and entries
of no partnership, such as user accounts and restores) moves the shared version, which is
part of every partnership's. Changes recorded in no entry (areas, reference data loaded by a
command, which sends ``areas.signals.reference_data_changed``) move the shared version
through the receivers below.

A token, not a counter: a counter restored from a backup would name again versions that
caches already hold with other contents. The upsert takes the version's row lock until the
transaction ends, so two changes to one partnership commit one after the other and the
later one's token is the one left.

Read the version before the data it keys: a version read after a change commits keys only
data read after it too, and a version read before can only key data at least that old.
"""

from __future__ import annotations

import secrets

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.signals import post_delete, post_save

from goldenthread.areas.signals import reference_data_changed

from .models import AuditEntry, DataVersion
from .registry import SHARED

SHARED_SCOPE = 0


def move_on(*scopes: int) -> None:
    """Give each scope (a partnership's id, or ``SHARED_SCOPE``) a new version."""
    DataVersion.objects.bulk_create(
        [DataVersion(scope=scope, token=secrets.token_hex(8)) for scope in sorted(set(scopes))],
        update_conflicts=True,
        unique_fields=["scope"],
        update_fields=["token"],
    )


def data_version(partnership) -> str:
    """The version of everything ``partnership``'s pages show: its own and the shared."""
    tokens = dict(
        DataVersion.objects.filter(scope__in=(SHARED_SCOPE, partnership.pk)).values_list(
            "scope", "token"
        )
    )
    return f"{tokens.get(partnership.pk, '0')}.{tokens.get(SHARED_SCOPE, '0')}"


def with_data_version(partnerships: QuerySet) -> QuerySet:
    """The partnerships, each with its ``data_version()`` read in the same query (a
    page's one read of its partnership, before any of the data it shows)."""
    own = DataVersion.objects.filter(scope=OuterRef("pk")).values("token")
    shared = DataVersion.objects.filter(scope=SHARED_SCOPE).values("token")
    return partnerships.annotate(own_token=Subquery(own), shared_token=Subquery(shared))


def version_of(partnership) -> str:
    """The data version of a partnership read through ``with_data_version``."""
    return f"{partnership.own_token or '0'}.{partnership.shared_token or '0'}"


def data_versions_readable_by(user) -> str:
    """The versions of every partnership the user may read, and the shared one, in one
    query: what an answer spanning partnerships (the API's lists) is keyed on. A change
    of who may read a partnership (its visibility, a membership) moves its version, so
    a partnership newly readable brings its row."""
    from goldenthread.partnerships.models import Partnership

    readable = Partnership.objects.visible_to(user).values("pk")
    rows = (
        DataVersion.objects.filter(Q(scope__in=readable) | Q(scope=SHARED_SCOPE))
        .order_by("scope")
        .values_list("scope", "token")
    )
    return ",".join(f"{scope}:{token}" for scope, token in rows)


def scope_of(entry: AuditEntry) -> int:
    """A partnership's own records move its version; shared kinds and entries of no
    partnership move everyone's (a value in one area is compared by its neighbours)."""
    if entry.partnership_id is None:
        return SHARED_SCOPE
    kind = ContentType.objects.get_for_id(entry.content_type_id)
    return SHARED_SCOPE if f"{kind.app_label}.{kind.model}" in SHARED else entry.partnership_id


def _entry_written(sender, instance: AuditEntry, created: bool, **kwargs) -> None:
    if created:
        move_on(scope_of(instance))


def _reference_data_changed(sender, **kwargs) -> None:
    move_on(SHARED_SCOPE)


def _area_saved(sender, **kwargs) -> None:
    # An area, neighbour or boundary changed one at a time (the admin): no entry records it.
    # Not a migration's historical model: the versions' table may not be there yet.
    if sender._meta.app_label == "areas" and sender._meta.apps is apps:
        move_on(SHARED_SCOPE)


def connect() -> None:
    post_save.connect(_entry_written, sender=AuditEntry, dispatch_uid="audit-data-version")
    reference_data_changed.connect(_reference_data_changed, dispatch_uid="areas-data-version")
    post_save.connect(_area_saved, dispatch_uid="areas-saved-data-version")
    post_delete.connect(_area_saved, dispatch_uid="areas-deleted-data-version")
