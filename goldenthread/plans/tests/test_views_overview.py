import re

from django.urls import reverse

from goldenthread.plans.models import Action, DeliveryPlan, Status
from goldenthread.plans.services import add_update
from goldenthread.plans.summary import status_table


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_it_shows_the_years_actions_by_status_per_aim_and_in_total(client, seeded):
    response = client.get(reverse("plans:overview", args=["thurrock"]))
    page = text_of(response)
    assert "Delivery plan 2014/15" in page
    for row in status_table(DeliveryPlan.objects.current(seeded)):
        label = f"{row['aim'].number}. {row['aim'].title}" if row["aim"] else "All aims"
        figures = " ".join(str(row["counts"][key]) for key in [*Status.values, "not_known"])
        assert f"{label} {figures} {row['total']}" in page


def test_the_chart_has_a_text_alternative_with_the_same_numbers(client, seeded):
    response = client.get(reverse("plans:overview", args=["thurrock"]))
    html = response.content.decode()
    completed = Action.objects.filter(status=Status.COMPLETED).count()
    alternative = re.search(r'role="img" aria-label="([^"]+)"', html).group(1)
    assert "Of 82 actions: " in alternative
    assert f"{completed} completed" in alternative
    assert "<svg" in html


def test_it_shows_the_claim_beside_the_data_and_names_each_disagreement(client, seeded):
    page = text_of(client.get(reverse("plans:overview", args=["thurrock"])))
    completed = Action.objects.filter(status=Status.COMPLETED).count()
    assert "A total of 76 actions formed the delivery programme for 2014/5" in page
    assert "Actions 76 82" in page
    assert f"Completed 55 {completed}" in page
    assert "The report says 76 actions formed the delivery programme; its tables list 82." in page


def test_it_lists_recent_updates_newest_first(client, seeded, contributor):
    action = Action.objects.get(code="8.21")
    add_update(action, by=contributor, commentary="Residential visits reviewed in March")
    page = text_of(client.get(reverse("plans:overview", args=["thurrock"])))
    recent = page.split("Recent updates", 1)[1]
    assert recent.strip().startswith("8.21")
    assert "Residential visits reviewed in March" in recent


def test_a_partnership_with_no_delivery_plan_says_so(client, partnership):
    page = text_of(client.get(reverse("plans:overview", args=[partnership.slug])))
    assert "No delivery plan has been imported yet." in page


def test_the_number_of_queries_does_not_grow_with_updates(
    client, seeded, contributor, django_assert_max_num_queries
):
    for action in Action.objects.all()[:10]:
        add_update(action, by=contributor, commentary="Progress made")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("plans:overview", args=["thurrock"])).status_code == 200
