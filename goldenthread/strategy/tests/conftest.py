import csv

import pytest

from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.strategy.importer import import_plan
from goldenthread.testing.corpus import DEFINITIONS, PLAN_DOCUMENT


def load_definitions(partnership) -> None:
    """The demo's areas, indicators and hand-made targets (no values: not needed here)."""
    import_definitions(DEFINITIONS[0])
    for path in DEFINITIONS[1:]:
        import_definitions(path, partnership)


def load_indicators() -> None:
    """The demo's indicators alone, for a plan with no annual report to link them to."""
    from goldenthread.indicators.models import Indicator
    from goldenthread.testing.corpus import DATA

    with (DATA / "indicators.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            Indicator.objects.create(
                code=row["code"],
                title=row["title"],
                unit=row["unit"],
                polarity=row["polarity"],
                period_type=row["period_type"],
            )


@pytest.fixture
def with_report(seeded):
    """The demo partnership as the demo builds it before the plan: the annual report's
    aims and objectives, the indicators and the hand-made targets."""
    load_definitions(seeded)
    return seeded


@pytest.fixture
def imported(with_report):
    """The plan document imported after the annual report, as the demo does."""
    import_plan(PLAN_DOCUMENT, partnership=with_report)
    return with_report
