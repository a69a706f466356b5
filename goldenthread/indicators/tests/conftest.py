import pytest

from .world import build_areas, make_indicator


@pytest.fixture
def areas(partnership):
    areas = build_areas()
    partnership.area = areas["thurrock"]
    partnership.save()
    return areas


@pytest.fixture
def ks2(areas):
    return make_indicator()
