import pytest

from .factories import clean_plan


@pytest.fixture
def clean(partnership):
    return clean_plan(partnership)
