import pytest
from django.urls import reverse

from goldenthread.strategy.models import PlanDocument, VersionEntry

pytestmark = pytest.mark.django_db


def test_history_entries_are_read_only_in_the_admin(client, imported, superuser):
    client.force_login(superuser)
    entry = VersionEntry.objects.first()
    document = PlanDocument.objects.get()

    assert (
        client.get(reverse("admin:strategy_plandocument_change", args=[document.pk])).status_code
        == 200
    )
    assert client.get(reverse("admin:strategy_versionentry_changelist")).status_code == 200
    response = client.post(
        reverse("admin:strategy_versionentry_change", args=[entry.pk]),
        {"version": "V9", "reason": "rewritten", "document": document.pk},
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:strategy_versionentry_add")).status_code == 403
    entry.refresh_from_db()
    assert entry.version == "V0.1"
