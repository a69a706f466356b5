import csv

import pytest

from goldenthread.conftest import built_once
from goldenthread.indicators.importers.definitions import import_definitions
from goldenthread.partnerships.models import Partnership
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
                unit_label=row["unit_label"],
                aliases="\n".join(filter(None, (row.get("aliases") or "").split(";"))),
            )


@pytest.fixture(scope="module")
def report_world(seed_world, django_db_blocker):
    """The seed world with the demo's indicators and hand-made targets (goldenthread/
    conftest.py tells how a world is built once per module)."""
    yield from built_once(
        django_db_blocker, lambda: load_definitions(Partnership.objects.get(pk=seed_world))
    )


@pytest.fixture(scope="module")
def plan_world(report_world, seed_world, django_db_blocker):
    """...and the plan document imported after the annual report."""
    yield from built_once(
        django_db_blocker,
        lambda: import_plan(PLAN_DOCUMENT, partnership=Partnership.objects.get(pk=seed_world)),
    )


@pytest.fixture
def with_report(report_world, seeded):
    """The demo partnership as the demo builds it before the plan: the annual report's
    aims and objectives, the indicators and the hand-made targets."""
    return seeded


@pytest.fixture
def imported(plan_world, with_report):
    """The plan document imported after the annual report, as the demo does."""
    return with_report
