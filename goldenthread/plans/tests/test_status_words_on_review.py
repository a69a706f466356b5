"""The review list shows, for each inferred status, the words that decided it; the guide
states the seed's statuses as they are read."""

import re
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from goldenthread.plans.models import Action, Status

REVIEW = reverse("plans:review", args=["thurrock", "2014-15"])


def card(page: str, code: str) -> str:
    start = page.index(f'id="action-{code}"')
    return re.sub(r"\s+", " ", page[start : page.index('govuk-summary-card"', start + 1)])


def test_each_inferred_status_shows_the_words_that_decided_it(client, seeded, manager):
    client.force_login(manager)
    page = client.get(REVIEW).content.decode()
    assert "from “being deferred” (decision)" in card(page, "8.18")
    assert "from “presented” (done)" in card(page, "2.12")
    assert "from “still pending” (not started)" in card(page, "5.14")
    assert "from “carry forward” (carried forward)" in card(page, "4.16")
    unsure = card(page, "2.19")
    assert "from “being progressed” (work going on)" in unsure


def test_the_guide_states_the_seeds_statuses_as_read(seeded):
    counts = Counter(Action.objects.values_list("status", flat=True))
    figures = ", ".join(
        f"{counts[status]} {label.lower()}" for status, label in Status.choices if counts[status]
    )
    guide = (Path(settings.BASE_DIR).parent / "docs" / "importing.md").read_text()
    stated = " ".join(guide.split())
    assert f"82 actions; {figures}, {counts['']} not known" in stated
