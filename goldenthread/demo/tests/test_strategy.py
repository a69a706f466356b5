"""The demo's plan document."""

import pytest

from goldenthread.demo.demo import DEFINITIONS
from goldenthread.demo.strategy import load_plan_document
from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.strategy.models import Milestone


@pytest.fixture
def with_report(seeded):
    """The demo partnership before its plan: the annual report, indicators and targets."""
    import_definitions(DEFINITIONS[0])
    for path in DEFINITIONS[1:]:
        import_definitions(path, seeded)
    return seeded


def test_the_demo_loads_the_plan_document_once(with_report):
    load_plan_document(with_report)
    milestones = Milestone.objects.count()

    assert load_plan_document(with_report).unchanged
    assert Milestone.objects.count() == milestones > 0
