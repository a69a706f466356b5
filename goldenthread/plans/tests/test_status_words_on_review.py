"""The review list shows, for each inferred status, the words that decided it."""

import re

from django.urls import reverse

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
