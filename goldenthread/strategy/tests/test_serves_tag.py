import pytest
from django.template import Context, Template

from goldenthread.plans.models import Objective

pytestmark = pytest.mark.django_db


def test_an_objective_shows_the_priorities_it_serves(imported, django_assert_num_queries):
    objective = Objective.objects.select_related("aim").get(code="8.1")
    template = Template("{% load strategy %}{% serves objective partnership %}")

    with django_assert_num_queries(1):
        html = template.render(Context({"objective": objective, "partnership": imported}))

    assert "Objective 8.1, through aim 4, serves" in html
    assert (
        "Health and Well-Being Strategy: 1. Every child has the best possible start in life" in html
    )
    assert (
        "Thurrock Community Strategy: 1. Create a great place for learning and opportunity" in html
    )
    assert "/thurrock/golden-thread/#priority-" in html


def test_an_objective_of_a_plan_without_a_thread_says_so(action):
    html = Template("{% load strategy %}{% serves objective partnership %}").render(
        Context(
            {"objective": action.objective, "partnership": action.delivery_plan.plan.partnership}
        )
    )
    assert "No higher plan's priority is recorded" in html
